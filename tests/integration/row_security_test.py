#!/usr/bin/python3
"""Row-level security as the seed's "Multi-Tenancy" example uses it, over the
wire: CREATE POLICY ... USING (tenant_id = current_tenant_id()), the tenant
set with SET heliosdb.tenant_id or as a startup parameter, prepared
statements that see the tenant of each execution, PostgreSQL's messages, and
the policies surviving a restart.

    row_security_test.py PATH/TO/heliosdb-lite
"""
import sys
import tempfile
import threading
import time

import psycopg
import psycopg2

from harness import Server, check, error_of, failures, run

data = tempfile.mkdtemp(prefix="rls_test_")
server = Server("--data", data)
admin = server.connect()
admin.autocommit = True

# --- the seed's statements, run by the superuser ---------------------------------
run(admin, "CREATE TABLE documents (id BIGINT PRIMARY KEY, tenant_id INT NOT NULL, content TEXT)")
run(admin, "CREATE POLICY tenant_isolation ON documents USING (tenant_id = current_tenant_id())")
check(any("has no effect yet" in n for n in admin.notices), f"a policy without RLS enabled warns: {admin.notices}")
run(admin, "ALTER TABLE documents ENABLE ROW LEVEL SECURITY")
run(admin, "INSERT INTO documents VALUES (1, 1, 'one'), (2, 1, 'two'), (3, 2, 'three')")
run(admin, "CREATE ROLE app LOGIN")
run(admin, "GRANT SELECT, INSERT, UPDATE, DELETE ON documents TO app")
check(run(admin, "SELECT count(*) FROM documents") == [(3,)], "a superuser bypasses the policy")

# --- an application's connection, tenant by tenant -----------------------------
app = psycopg2.connect(host="127.0.0.1", port=server.port, user="app", dbname="db")
app.autocommit = True
check(run(app, "SELECT current_tenant_id()") == [(None,)], "no tenant until one is set")
check(run(app, "SELECT count(*) FROM documents") == [(0,)], "and then no rows")
run(app, "SET heliosdb.tenant_id = '1'")
check(run(app, "SELECT current_tenant_id()") == [("1",)], "current_tenant_id() is the setting")
check(run(app, "SELECT id FROM documents ORDER BY id") == [(1,), (2,)], "tenant 1 sees its rows")
check(run(app, "SELECT id FROM documents WHERE id = 3") == [], "and not another tenant's, even by key")
check(run(app, "INSERT INTO documents VALUES (4, 1, 'four')") == "INSERT 0 1", "it writes its own rows")
check(error_of(app, "INSERT INTO documents VALUES (5, 2, 'five')") ==
      ("42501", 'ERROR:  new row violates row-level security policy for table "documents"'),
      "not another tenant's")
check(error_of(app, "UPDATE documents SET tenant_id = 2 WHERE id = 4") ==
      ("42501", 'ERROR:  new row violates row-level security policy for table "documents"'),
      "nor move a row to another tenant")
check(run(app, "DELETE FROM documents WHERE id = 3") == "DELETE 0", "another tenant's rows cannot be deleted")
check(error_of(app, "COPY documents FROM STDIN") ==
      ("0A000", "ERROR:  COPY FROM not supported with row-level security"), "COPY FROM is refused")
run(app, "SET heliosdb.tenant_id = 2")
check(run(app, "SELECT id FROM documents ORDER BY id") == [(3,)], "switching tenants switches rows")
run(app, "RESET heliosdb.tenant_id")
check(run(app, "SELECT count(*) FROM documents") == [(0,)], "RESET leaves no tenant")
run(app, "SET row_security = off")
check(error_of(app, "SELECT * FROM documents") ==
      ("42501", 'ERROR:  query would be affected by row-level security policy for table "documents"'),
      "row_security = off is an error, never a partial answer")
app.close()

# A startup parameter sets the tenant for the whole connection.
tenant2 = psycopg2.connect(host="127.0.0.1", port=server.port, user="app", dbname="db",
                           options="-c heliosdb.tenant_id=2")
check(run(tenant2, "SELECT id FROM documents") == [(3,)], "the tenant as a startup parameter")
tenant2.close()

# A prepared statement reads the tenant of each execution, not of its preparation.
with psycopg.connect(host="127.0.0.1", port=server.port, user="app", dbname="db", autocommit=True) as p3:
    p3.execute("SET heliosdb.tenant_id = '1'")
    query = "SELECT count(*) FROM documents WHERE id > %s"
    first = p3.execute(query, [0], prepare=True).fetchone()[0]
    p3.execute("SET heliosdb.tenant_id = '2'")
    second = p3.execute(query, [0], prepare=True).fetchone()[0]
    check((first, second) == (3, 1), f"prepared: {first} then {second}")

# READ COMMITTED: a row another transaction moved to another tenant while an
# UPDATE waited for its lock is not the waiting tenant's to change any more.
blocker = server.connect()
run(blocker, "UPDATE documents SET tenant_id = 2 WHERE id = 2")  # holds the row's lock, uncommitted
waiter = psycopg2.connect(host="127.0.0.1", port=server.port, user="app", dbname="db",
                          options="-c heliosdb.tenant_id=1")
waiter.autocommit = True
run(waiter, "SET default_transaction_isolation = 'read committed'")
outcome = {}
worker = threading.Thread(target=lambda: outcome.update(tag=run(waiter, "UPDATE documents SET content = 'mine' "
                                                                        "WHERE id = 2")))
worker.start()
time.sleep(0.5)
blocker.commit()
worker.join(10)
check(outcome.get("tag") == "UPDATE 0", f"the moved row drops out after the wait: {outcome}")
check(run(admin, "SELECT tenant_id, content FROM documents WHERE id = 2") == [(2, "two")], "and stays as moved")
run(admin, "UPDATE documents SET tenant_id = 1 WHERE id = 2")
waiter.close()
blocker.close()

# The tenant is a constant of each execution's plan: an index on its column serves the policy.
run(admin, "CREATE INDEX documents_tenant ON documents (tenant_id)")
indexed = psycopg2.connect(host="127.0.0.1", port=server.port, user="app", dbname="db",
                           options="-c heliosdb.tenant_id=1")
indexed.autocommit = True
plan = "\n".join(r[0] for r in run(indexed, "EXPLAIN SELECT content FROM documents"))
check("documents_tenant" in plan, f"the tenant's rows come by its index: {plan}")
check(run(indexed, "SELECT id FROM documents ORDER BY id") == [(1,), (2,), (4,)], "and they are the same rows")
run(indexed, "SET heliosdb.tenant_id = 'x'")
check(error_of(indexed, "SELECT id FROM documents")[0] == "22P02", "a tenant that is no integer: 22P02")
indexed.close()

# --- catalogs, and a restart ---------------------------------------------------
check(run(admin, "SELECT policyname, cmd, qual FROM pg_policies WHERE tablename = 'documents'") ==
      [("tenant_isolation", "ALL", "(tenant_id = current_tenant_id())")], "pg_policies")
admin.close()
check(server.stop() == 0, "clean stop")
server = Server("--data", data)
app = psycopg2.connect(host="127.0.0.1", port=server.port, user="app", dbname="db",
                       options="-c heliosdb.tenant_id=1")
app.autocommit = True
check(run(app, "SELECT id FROM documents ORDER BY id") == [(1,), (2,), (4,)], "policies survive a restart")

# History is guarded as the table is now: today's policies and privileges.
admin = server.connect()
admin.autocommit = True
scn = run(admin, "SELECT heliosdb_current_scn()")[0][0]
check(run(app, f"SELECT id FROM documents AS OF SCN {scn} ORDER BY id") == [(1,), (2,), (4,)],
      "AS OF reads under the policies")
versions = run(app, f"SELECT id, tenant_id FROM documents VERSIONS BETWEEN SCN 1 AND {scn}")
check(sorted({r[0] for r in versions}) == [1, 2, 4] and all(r[1] == 1 for r in versions),
      f"and so does VERSIONS BETWEEN: {versions}")
run(admin, "REVOKE SELECT ON documents FROM app")
check(error_of(app, f"SELECT id FROM documents AS OF SCN {scn}")[0] == "42501", "a REVOKE covers the past too")
check(error_of(app, f"SELECT id FROM documents VERSIONS BETWEEN SCN 1 AND {scn}")[0] == "42501",
      "and its versions")
app.close()
admin.close()
server.stop()

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("row-level security: all checks passed")
