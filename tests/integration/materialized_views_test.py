#!/usr/bin/python3
"""Materialized views as the seed's section shows them, over the wire:
HeliosDB's WITH (auto_refresh = ..., ...) after the query, the background
refresher keeping such views fresh, pg_mv_staleness() and pg_mv_cpu_usage(),
PostgreSQL's error messages, and the views surviving a restart.

    materialized_views_test.py PATH/TO/heliosdb-lite
"""
import io
import sys
import tempfile
import time

from harness import Server, check, error_of, failures, run

data = tempfile.mkdtemp(prefix="mv_test_")
server = Server("--data", data)
conn = server.connect()
conn.autocommit = True


def wait_for(condition, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def staleness(name):
    rows = run(conn, "SELECT pending_changes, status, staleness_sec FROM pg_mv_staleness() WHERE view_name = %s", name)
    return rows[0] if rows else None


run(conn, "CREATE TABLE orders (id int PRIMARY KEY, customer_id int, total numeric(10,2))")
run(conn, "INSERT INTO orders SELECT g, g % 3, g FROM generate_series(1, 30) g")

# --- a manual view: pending changes counted, refreshed on REFRESH only ----------
check(run(conn, "CREATE MATERIALIZED VIEW customer_stats AS SELECT customer_id, count(*) AS order_count, "
                "sum(total) AS revenue FROM orders GROUP BY customer_id") == "SELECT 3", "CREATE ... AS: SELECT 3")
check(staleness("customer_stats")[:2] == (0, "fresh"), "a new view is fresh")
run(conn, "INSERT INTO orders VALUES (31, 1, 5), (32, 2, 5)")
run(conn, "UPDATE orders SET total = 0 WHERE id = 1")
pending, status, seconds = staleness("customer_stats")
check((pending, status) == (3, "stale"), f"three changed rows make it stale: {pending} {status}")
check(seconds >= 0, "staleness_sec is the time since the first change")
time.sleep(1.5)
check(staleness("customer_stats")[:2] == (3, "stale"), "without auto_refresh it stays stale")
check(run(conn, "SELECT sum(order_count) FROM customer_stats") == [(30,)], "and reads the rows it had")
check(run(conn, "REFRESH MATERIALIZED VIEW customer_stats") == "REFRESH MATERIALIZED VIEW", "REFRESH's tag")
check(staleness("customer_stats")[:2] == (0, "fresh"), "REFRESH makes it fresh")
check(run(conn, "SELECT sum(order_count) FROM customer_stats") == [(32,)], "with the new rows")
cpu = run(conn, "SELECT max_cpu_percent, status FROM pg_mv_cpu_usage() WHERE view_name = 'customer_stats'")
check(cpu == [(15.0, "manual")], f"pg_mv_cpu_usage: the default max_cpu_percent, manual: {cpu}")

# --- the seed's auto-refresh view: kept fresh in the background ------------------
run(conn, "CREATE TABLE product_views (product_id INT NOT NULL, user_id INT NOT NULL, viewed_at TIMESTAMP)")
run(conn, "INSERT INTO product_views VALUES (1, 1, now()), (1, 3, now()), (42, 3, now())")
run(conn, """CREATE MATERIALIZED VIEW product_popularity AS
SELECT
    product_id,
    COUNT(*) as view_count,
    COUNT(DISTINCT user_id) as unique_viewers
FROM product_views
GROUP BY product_id
WITH (
    auto_refresh = true,           -- Enable automatic refresh
    max_cpu_percent = 15,          -- Limit CPU usage to 15%
    threshold_dml_rate = 0,        -- any change
    lazy_update = true,            -- Defer during high load
    lazy_catchup_window = '1 hour' -- Max staleness allowed
)""")
check(run(conn, "SELECT * FROM product_popularity ORDER BY 1") == [(1, 2, 2), (42, 1, 1)], "filled at creation")
run(conn, "INSERT INTO product_views VALUES (1, 7, now()), (123, 123, now())")
check(wait_for(lambda: run(conn, "SELECT * FROM product_popularity ORDER BY 1") == [(1, 3, 3), (42, 1, 1),
                                                                                    (123, 1, 1)]),
      "the refresher brings in the new rows by itself")
check(wait_for(lambda: staleness("product_popularity")[:2] == (0, "fresh")), "and it reads fresh again")
usage = run(conn, "SELECT max_cpu_percent, refreshes >= 1, current_cpu_percent >= 0, last_error "
                  "FROM pg_mv_cpu_usage() WHERE view_name = 'product_popularity'")
check(usage == [(15.0, True, True, None)], f"pg_mv_cpu_usage counts the refreshes: {usage}")

# ALTER MATERIALIZED VIEW ... SET / RESET changes the options of a view there is.
check(run(conn, "ALTER MATERIALIZED VIEW customer_stats SET (auto_refresh = true, max_cpu_percent = 50)") ==
      "ALTER MATERIALIZED VIEW", "SET (auto_refresh = true)")
run(conn, "INSERT INTO orders VALUES (33, 0, 1)")
check(wait_for(lambda: run(conn, "SELECT sum(order_count) FROM customer_stats") == [(33,)]),
      "a view switched to auto_refresh is refreshed in the background")
run(conn, "ALTER MATERIALIZED VIEW customer_stats RESET (auto_refresh, max_cpu_percent)")
check(run(conn, "SELECT max_cpu_percent, status FROM pg_mv_cpu_usage() WHERE view_name = 'customer_stats'") ==
      [(15.0, "manual")], "RESET brings back the defaults")
run(conn, "DELETE FROM orders WHERE id = 33")
check(error_of(conn, "ALTER MATERIALIZED VIEW customer_stats SET (auto_refresh = sometimes)")[0] == "22023",
      "SET checks the value")

# A high DML-rate threshold waits for the catch-up window instead.
run(conn, "CREATE MATERIALIZED VIEW slow_lane AS SELECT count(*) AS n FROM product_views "
          "WITH (auto_refresh = true, threshold_dml_rate = 1000000, lazy_catchup_window = '3 seconds')")
run(conn, "INSERT INTO product_views VALUES (5, 5, now())")
time.sleep(1.2)
check(run(conn, "SELECT n FROM slow_lane") == [(5,)], "below threshold_dml_rate it waits")
check(wait_for(lambda: run(conn, "SELECT n FROM slow_lane") == [(6,)], 10), "until lazy_catchup_window has passed")

# --- bad options and PostgreSQL's messages -----------------------------------
check(error_of(conn, "CREATE MATERIALIZED VIEW bad AS SELECT 1 WITH (auto_refresh = maybe)") ==
      ("22023", 'ERROR:  invalid value for boolean option "auto_refresh": maybe'), "a bad boolean")
check(error_of(conn, "CREATE MATERIALIZED VIEW bad AS SELECT 1 WITH (max_cpu_percent = 150)")[0] == "22023",
      "max_cpu_percent above 100")
check(error_of(conn, "CREATE MATERIALIZED VIEW bad AS SELECT 1 WITH (lazy_catchup_window = 'soon')")[0] == "22023",
      "a window that is no interval")
check(error_of(conn, "CREATE MATERIALIZED VIEW bad AS SELECT 1 WITH (refresh_every = 5)") ==
      ("22023", 'ERROR:  unrecognized parameter "refresh_every"'), "an unknown option")
check(error_of(conn, "INSERT INTO customer_stats VALUES (9, 9, 9)") ==
      ("42809", 'ERROR:  cannot change materialized view "customer_stats"'), "writes are refused")
check(error_of(conn, "TRUNCATE customer_stats") == ("42809", 'ERROR:  "customer_stats" is not a table'), "TRUNCATE")
check(error_of(conn, "COPY customer_stats TO STDOUT") ==
      ("42809", 'ERROR:  cannot copy from materialized view "customer_stats"'), "COPY TO")
check(error_of(conn, "DROP TABLE customer_stats") == ("42809", 'ERROR:  "customer_stats" is not a table'), "DROP TABLE")
# PostgreSQL wants a unique index for CONCURRENTLY; ours compares whole rows (DESIGN.md).
run(conn, "CREATE MATERIALIZED VIEW no_key AS SELECT customer_id FROM orders")
run(conn, "INSERT INTO orders VALUES (90, 1, 1)")
check(run(conn, "REFRESH MATERIALIZED VIEW CONCURRENTLY no_key") == "REFRESH MATERIALIZED VIEW",
      "CONCURRENTLY without a unique index")
check(run(conn, "SELECT count(*) FROM no_key") == run(conn, "SELECT count(*) FROM orders"), "and it refreshed")
run(conn, "DELETE FROM orders WHERE id = 90")
run(conn, "DROP MATERIALIZED VIEW no_key")
run(conn, "CREATE MATERIALIZED VIEW empty_one AS SELECT 1 AS x WITH NO DATA")
check(error_of(conn, "SELECT * FROM empty_one") ==
      ("55000", 'ERROR:  materialized view "empty_one" has not been populated'), "reading one not populated")
check(error_of(conn, "DROP TABLE orders") ==
      ("2BP01", "ERROR:  cannot drop table orders because other objects depend on it"), "what it reads stays")
check(error_of(conn, "ALTER TABLE orders RENAME COLUMN total TO amount")[0] == "0A000",
      "renaming what one reads is not supported yet")
copied = io.StringIO()
conn.cursor().copy_expert("COPY (SELECT sum(order_count) FROM customer_stats) TO STDOUT", copied)
check(copied.getvalue() == "33\n", "COPY (query) reads it")

# --- a restart keeps the views, their rows and their options -------------------
conn.close()
check(server.stop() == 0, "server exits cleanly")
server = Server("--data", data)
conn = server.connect()
conn.autocommit = True
check(run(conn, "SELECT sum(order_count) FROM customer_stats") == [(33,)], "rows after a restart")
check(run(conn, "SELECT relispopulated FROM pg_class WHERE relname = 'empty_one'") == [(False,)],
      "not populated after a restart")
run(conn, "INSERT INTO product_views VALUES (42, 9, now())")
check(wait_for(lambda: run(conn, "SELECT view_count FROM product_popularity WHERE product_id = 42") == [(2,)]),
      "auto_refresh goes on after a restart")
conn.close()
check(server.stop() == 0, "server exits cleanly")
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("materialized views: manual and automatic refresh, staleness and CPU views work")
