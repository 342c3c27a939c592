#!/usr/bin/python3
"""Vector search over the wire with psycopg2 and psycopg 3: every example of
the seed's "Vector Search" section with asserted results; pgvector's
operators and functions against a reference computed here in float32;
pgvector's binary format; recall@10 against exact search on a generated
clustered dataset for each index kind and metric; filtered searches that
return k rows; distance thresholds; transactional visibility; indexes after
a restart; pg_vector_index_stats(); and bad input with its SQLSTATEs.

    vector_search_test.py PATH/TO/heliosdb-lite
"""
import math
import os
import random
import struct
import sys
import tempfile
import threading
import time

import psycopg
import psycopg2

from harness import Server, check, error_of, failures, run

DIMS = 16
ROWS = 3000
CLUSTERS = 30


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def literal(v):
    return "[" + ",".join(repr(x) for x in v) + "]"


# pgvector's arithmetic: float32 inputs, float32 sums in the order its loops
# take once GCC vectorizes them for SSE2 (four lanes, i % 4, reduced as
# (l0 + l2) + (l1 + l3), then the tail), the result in double.
def lane_sum(terms):
    lanes = [0.0] * 4
    whole = len(terms) - len(terms) % 4
    for i in range(whole):
        lanes[i % 4] = f32(lanes[i % 4] + terms[i])
    s = f32(f32(lanes[0] + lanes[2]) + f32(lanes[1] + lanes[3]))
    for t in terms[whole:]:
        s = f32(s + t)
    return s


def l2(a, b):
    return math.sqrt(lane_sum([f32(f32(x - y) * f32(x - y)) for x, y in zip(a, b)]))


def dot(a, b):
    return lane_sum([f32(f32(x) * f32(y)) for x, y in zip(a, b)])


def cosine(a, b):
    na, nb = dot(a, a), dot(b, b)
    if na == 0 or nb == 0:
        return float("nan")
    sim = dot(a, b) / math.sqrt(na * nb)
    return 1 - max(-1.0, min(1.0, sim))


def close(a, b, rel=1e-6):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-12)


def clustered_dataset(seed=7):
    rnd = random.Random(seed)
    centres = [[rnd.gauss(0, 1) for _ in range(DIMS)] for _ in range(CLUSTERS)]
    rows = []
    for i in range(1, ROWS + 1):
        c = centres[i % CLUSTERS]
        rows.append((i, i % 10, [f32(x + rnd.gauss(0, 0.15)) for x in c]))
    queries = [[f32(x + rnd.gauss(0, 0.2)) for x in centres[rnd.randrange(CLUSTERS)]] for _ in range(20)]
    return rows, queries


def load(conn, rows):
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS items")
    cur.execute(f"CREATE TABLE items (id int PRIMARY KEY, cat int, embedding vector({DIMS}))")
    for start in range(0, len(rows), 500):
        values = ",".join(f"({i},{c},'{literal(v)}')" for i, c, v in rows[start:start + 500])
        cur.execute("INSERT INTO items VALUES " + values)
    conn.commit()


STATS = ("SELECT index_name, last_rebuild, num_vectors, deleted_vectors FROM pg_vector_index_stats() "
         "WHERE table_name = 'items' ORDER BY index_name")


def plan(conn, sql):
    return "\n".join(r[0] for r in run(conn, "EXPLAIN " + sql))


def test_seed_examples(conn):
    """The seed's Vector Search section as walkthrough.sql runs it (VECTOR(8))."""
    run(conn, "CREATE TABLE documents (id INT PRIMARY KEY, content TEXT, embedding VECTOR(8))")
    for opclass in ("vector_cosine_ops", "vector_l2_ops", "vector_ip_ops"):
        check(run(conn, f"CREATE INDEX idx_doc_embeddings ON documents USING hnsw (embedding {opclass})")
              == "CREATE INDEX", f"CREATE INDEX ... USING hnsw (embedding {opclass})")
        run(conn, "DROP INDEX idx_doc_embeddings")
    check(run(conn, "CREATE INDEX idx_doc_embeddings ON documents USING hnsw (embedding vector_cosine_ops) "
                    "WITH (quantization = 'product', pq_subquantizers = 8, pq_centroids = 256)") == "CREATE INDEX",
          "the seed's product-quantized index on an empty table")
    docs = {
        1: ("Machine learning basics", [0.12, 0.34, 0.56, 0.78, 0.21, 0.43, 0.65, 0.87], "technology", "2025-02-10"),
        2: ("Deep learning tutorial", [0.15, 0.38, 0.52, 0.74, 0.26, 0.41, 0.69, 0.83], "technology", "2024-12-05"),
        3: ("Vector databases explained", [0.11, 0.19, 0.32, 0.41, 0.48, 0.62, 0.69, 0.81], "technology",
            "2025-06-15"),
        4: ("Rust systems programming", [0.85, 0.05, 0.65, 0.1, 0.55, 0.15, 0.25, 0.2], "technology", "2025-03-02"),
        5: ("Intro to SQL", [0.2, 0.25, 0.3, 0.35, 0.5, 0.55, 0.6, 0.7], "technology", "2024-11-30"),
        6: ("Baking sourdough bread", [0.9, -0.4, 0.1, -0.7, 0.3, -0.2, -0.6, 0.05], "cooking", "2025-02-01"),
        7: ("Gardening for beginners", [-0.5, 0.6, -0.3, 0.2, -0.8, 0.1, 0.4, -0.9], "lifestyle", "2025-04-20"),
    }
    check(run(conn, "INSERT INTO documents (id, content, embedding) VALUES "
                    "(1, 'Machine learning basics', '[0.12, 0.34, 0.56, 0.78, 0.21, 0.43, 0.65, 0.87]'), "
                    "(2, 'Deep learning tutorial', '[0.15, 0.38, 0.52, 0.74, 0.26, 0.41, 0.69, 0.83]')") == "INSERT 0 2",
          "the seed's INSERT with literal vectors")
    run(conn, "ALTER TABLE documents ADD COLUMN category TEXT")
    run(conn, "ALTER TABLE documents ADD COLUMN published_date DATE")
    for i in (1, 2):
        run(conn, "UPDATE documents SET category = %s, published_date = %s WHERE id = %s", docs[i][2], docs[i][3], i)
    for i in range(3, 8):
        content, v, category, day = docs[i]
        run(conn, "INSERT INTO documents VALUES (%s, %s, %s, %s, %s)", i, content, literal(v), category, day)
    conn.commit()
    q = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    ref = sorted(((cosine([f32(x) for x in d[1]], [f32(x) for x in q]), i) for i, d in docs.items()))
    got = run(conn, f"SELECT id, content, embedding <=> '{literal(q)}' AS distance FROM documents "
                    "ORDER BY distance LIMIT 10")
    check([r[0] for r in got] == [i for _, i in ref], f"top-k by cosine distance: {[r[0] for r in got]}")
    check(all(close(r[2], d) for r, (d, _) in zip(got, ref)), "cosine distances as pgvector computes them")
    check(got[0][1] == "Vector databases explained", "the nearest document is the seed's 'Vector databases'")

    run(conn, "PREPARE semantic_search_in_category (vector) AS SELECT id, content, embedding <=> $1 AS distance "
              "FROM documents WHERE category = 'technology' AND published_date > '2025-01-01' "
              "ORDER BY distance LIMIT 10")
    got = run(conn, f"EXECUTE semantic_search_in_category('{literal(q)}')")
    want = [i for _, i in ref if docs[i][2] == "technology" and docs[i][3] > "2025-01-01"]
    check([r[0] for r in got] == want, f"semantic search within a category: {got}")
    run(conn, "PREPARE very_similar_items (vector) AS SELECT id, content, embedding <=> $1 AS distance "
              "FROM documents WHERE (embedding <=> $1) < 0.3 ORDER BY distance")
    got = run(conn, f"EXECUTE very_similar_items('{literal(q)}')")
    check([r[0] for r in got] == [i for d, i in ref if d < 0.3], f"distance threshold: {got}")
    conn.commit()

    # The RAG example's statements, with a 1536-dimension column and a PQ index.
    run(conn, "CREATE TABLE knowledge_base (id BIGINT PRIMARY KEY, source TEXT, content TEXT, "
              "embedding VECTOR(1536))")
    run(conn, "CREATE INDEX idx_kb_embeddings ON knowledge_base USING hnsw (embedding vector_cosine_ops) "
              "WITH (quantization = 'product', pq_subquantizers = 8)")
    rnd = random.Random(3)
    kb = {i: [rnd.uniform(-1, 1) for _ in range(1536)] for i in range(1, 21)}
    for i, v in kb.items():
        run(conn, f"INSERT INTO knowledge_base (id, source, content, embedding) VALUES ({i}, 'docs', "
                  f"'doc {i}', '{literal(v)}')")
    got = run(conn, f"SELECT content FROM knowledge_base ORDER BY embedding <=> '{literal(kb[7])}' LIMIT 5")
    check(len(got) == 5 and got[0][0] == "doc 7", f"the RAG example's retrieval finds the document itself: {got}")
    conn.commit()


def test_operators_and_functions(conn):
    a, b = [1.5, -2.0, 3.25], [0.5, 4.0, -1.0]
    la, lb = literal(a), literal(b)
    row = run(conn, f"SELECT '{la}'::vector <-> '{lb}', '{la}'::vector <=> '{lb}', '{la}'::vector <#> '{lb}', "
                    f"'{la}'::vector <+> '{lb}', l2_distance('{la}', '{lb}'), cosine_distance('{la}', '{lb}'), "
                    f"inner_product('{la}', '{lb}'), l1_distance('{la}', '{lb}')")[0]
    l1 = sum(abs(x - y) for x, y in zip(a, b))
    want = [l2(a, b), cosine(a, b), -dot(a, b), l1, l2(a, b), cosine(a, b), dot(a, b), l1]
    check(all(close(g, w) for g, w in zip(row, want)), f"distances {row} against {want}")
    row = run(conn, f"SELECT vector_dims('{la}'), vector_norm('{la}'), l2_normalize('[3,4]'), "
                    f"'{la}'::vector + '{lb}', '{la}'::vector - '{lb}', '{la}'::vector * '{lb}', "
                    "'[1,2]'::vector || '[3]', subvector('[1,2,3,4,5]'::vector, 2, 3)")[0]
    check(row[0] == 3 and close(row[1], math.sqrt(sum(x * x for x in a))), f"vector_dims, vector_norm: {row[:2]}")
    check(row[2:] == ("[0.6,0.8]", "[2,2,2.25]", "[1,-6,4.25]", "[0.75,-8,-3.25]", "[1,2,3]", "[2,3,4]"),
          f"l2_normalize, + - *, ||, subvector: {row[2:]}")
    row = run(conn, "SELECT avg(v), sum(v) FROM (VALUES ('[1,2,3]'::vector), ('[3,4,5]'), (NULL)) t(v)")[0]
    check(row == ("[2,3,4]", "[4,6,8]"), f"avg and sum of vectors: {row}")
    row = run(conn, "SELECT '[1, 2.5 ,-3e-2]'::vector, '[1,2]'::vector < '[1,2,3]', '[1,2]'::vector = '[1,2]', "
                    "'[0,0]'::vector <=> '[1,1]', '[1e-7]'::vector")[0]
    check(row[:3] == ("[1,2.5,-0.03]", True, True), f"text form and comparisons: {row}")
    check(math.isnan(row[3]), "the cosine distance of a zero vector is NaN, as pgvector's")
    check(row[4] == "[1e-07]", f"elements print as real does: {row[4]}")
    row = run(conn, "SELECT ARRAY[1,2]::vector, '{1.5,2}'::real[]::vector(2), ARRAY[0.25,2]::float8[]::vector, "
                    "ARRAY[1.5,2.25]::numeric[]::vector, '[1,2.5]'::vector::real[]")[0]
    check(row == ("[1,2]", "[1.5,2]", "[0.25,2]", "[1.5,2.25]", [1.0, 2.5]), f"casts from and to arrays: {row}")
    run(conn, "CREATE TABLE arr (id int, v vector(2))")
    run(conn, "INSERT INTO arr VALUES (1, ARRAY[3,4]), (2, '{1,2}'::real[])")
    check(run(conn, "SELECT v FROM arr ORDER BY id") == [("[3,4]",), ("[1,2]",)], "arrays stored in a vector column")
    run(conn, "DROP TABLE arr")
    conn.commit()


def test_exact_search(conn):
    """Without an index, ORDER BY distance LIMIT k (the top-N path) gives the
    rows a full sort gives (an ORDER BY expression it does not recognise),
    with NULL vectors last, NaN distances after every number, filters however
    selective, and OFFSET."""
    def distances(rows):  # ties may come in either order; NaN equals NaN here
        return [("NaN" if isinstance(d, float) and math.isnan(d) else d) for _, d in rows]

    rnd = random.Random(5)
    run(conn, "CREATE TABLE ex (id int PRIMARY KEY, cat int, v vector(4))")
    rows = [f"({i},{i % 50},'{literal([round(rnd.gauss(0, 1), 2) for _ in range(4)])}')" for i in range(1, 2001)]
    run(conn, "INSERT INTO ex VALUES " + ",".join(rows))
    run(conn, "INSERT INTO ex VALUES (3001, 0, NULL), (3002, 0, '[0,0,0,0]'), (3003, 1, NULL)")
    q = "'[0.3,-0.2,1.1,0.05]'"
    for op in ("<->", "<=>", "<#>", "<+>"):
        for where, limit in (("", "10"), ("WHERE cat = 7", "5"), ("WHERE cat < 0", "5"), ("WHERE id > 1990", "20"),
                             ("WHERE cat = 0", "50"), ("", "3 OFFSET 4")):
            got = run(conn, f"SELECT id, v {op} {q} FROM ex {where} ORDER BY v {op} {q} LIMIT {limit}")
            want = run(conn, f"SELECT id, v {op} {q} FROM ex {where} ORDER BY (v {op} {q}) + 0 LIMIT {limit}")
            check(distances(got) == distances(want), f"exact {op} {where} LIMIT {limit}: {got[:4]} vs {want[:4]}")
    check("Seq Scan" in plan(conn, f"SELECT id FROM ex ORDER BY v <-> {q} LIMIT 3"), "EXPLAIN shows the scan")
    # A column added later: rows stored before it have its default, measured as any other.
    run(conn, "ALTER TABLE ex ADD COLUMN w vector(4) DEFAULT '[1,1,1,1]'")
    run(conn, "UPDATE ex SET w = v WHERE id % 3 = 0")
    for where in ("", "WHERE id % 2 = 0"):
        got = run(conn, f"SELECT id, w <-> {q} FROM ex {where} ORDER BY w <-> {q}, id LIMIT 12")
        want = run(conn, f"SELECT id, w <-> {q} FROM ex {where} ORDER BY (w <-> {q}) + 0, id LIMIT 12")
        check(distances(got) == distances(want), f"exact search over an added column {where}: {got[:3]} vs {want[:3]}")
    run(conn, "DROP TABLE ex")
    run(conn, "CREATE TABLE mixed (id int, v vector)")
    run(conn, "INSERT INTO mixed VALUES (1, '[1,2]'), (2, '[1,2,3]')")
    conn.commit()
    got = error_of(conn, "SELECT id FROM mixed ORDER BY v <-> '[0,0]' LIMIT 1")
    check(got == ("22000", "ERROR:  different vector dimensions 3 and 2"), f"rows of another dimension: {got}")
    run(conn, "DROP TABLE mixed")
    conn.commit()


def test_bad_input(conn):
    run(conn, "CREATE TABLE bad (id int PRIMARY KEY, v vector(3))")
    conn.commit()
    cases = [
        ("INSERT INTO bad VALUES (1, '[1,2]')", "22000", "expected 3 dimensions, not 2"),
        ("UPDATE bad SET v = '[1,2,3,4]'", "22000", "expected 3 dimensions, not 4"),
        ("INSERT INTO bad VALUES (1, '1,2,3')", "22P02", 'invalid input syntax for type vector: "1,2,3"'),
        ("INSERT INTO bad VALUES (1, '[1,,3]')", "22P02", "invalid input syntax for type vector"),
        ("INSERT INTO bad VALUES (1, '[1,2,3] x')", "22P02", "invalid input syntax for type vector"),
        ("INSERT INTO bad VALUES (1, '[1,NaN,3]')", "22000", "NaN not allowed in vector"),
        ("INSERT INTO bad VALUES (1, '[1,inf,3]')", "22000", "infinite value not allowed in vector"),
        ("SELECT '[1e39]'::vector", "22003", "out of range for type vector"),
        ("SELECT '[]'::vector", "22000", "vector must have at least 1 dimension"),
        ("SELECT '[1,2,3]'::vector <-> '[1,2]'", "22000", "different vector dimensions 3 and 2"),
        ("SELECT '[1,2,3]'::vector + '[1,2]'", "22000", "different vector dimensions 3 and 2"),
        ("SELECT '{{1,2},{3,4}}'::int[]::vector", "22000", "array must be 1-D"),
        ("SELECT '{1,NULL}'::real[]::vector", "22004", "array must not contain nulls"),
        ("SELECT '{}'::real[]::vector", "22000", "vector must have at least 1 dimension"),
        ("SELECT '{1,2}'::real[]::vector(3)", "22000", "expected 3 dimensions, not 2"),
        ("SELECT '{NaN}'::float8[]::vector", "22000", "NaN not allowed in vector"),
        ("SELECT '{1e300}'::float8[]::vector", "22000", "infinite value not allowed in vector"),
        ("SELECT '{1}'::bigint[]::vector", "42846", "cannot cast type bigint[] to vector"),
        ("INSERT INTO bad VALUES (1, ARRAY[1,2])", "22000", "expected 3 dimensions, not 2"),
        ("CREATE TABLE bad2 (v vector(0))", "22023", "dimensions for type vector must be at least 1"),
        ("CREATE TABLE bad2 (v vector(16001))", "22023", "dimensions for type vector cannot exceed 16000"),
        ("SELECT 1 <-> 2", "42883", "operator does not exist: integer <-> integer"),
        ("CREATE INDEX ON bad USING hnsw (v vector_foo_ops)", "42704",
         'operator class "vector_foo_ops" does not exist for access method "hnsw"'),
        ("CREATE INDEX ON bad USING hnsw (id)", "42704",
         'data type integer has no default operator class for access method "hnsw"'),
        ("CREATE INDEX ON bad USING hnsw (v) WITH (m = 1)", "22023", 'value 1 out of bounds for option "m"'),
        ("CREATE INDEX ON bad USING hnsw (v) WITH (m = 'x')", "22023", 'invalid value for integer option "m"'),
        ("CREATE INDEX ON bad USING hnsw (v) WITH (colour = 3)", "22023", 'unrecognized parameter "colour"'),
        ("CREATE INDEX ON bad USING hnsw (v) WITH (m = 40, ef_construction = 50)", "22023",
         "ef_construction must be greater than or equal to 2 * m"),
        ("CREATE INDEX ON bad USING hnsw (v) WITH (quantization = 'product', pq_subquantizers = 2)", "22023",
         "pq_subquantizers (2) must divide the vector dimension (3)"),
        ("CREATE INDEX ON bad USING hnsw (v) WITH (quantization = 'scalar')", "22023",
         'invalid value for parameter "quantization"'),
        ("CREATE INDEX ON bad USING ivfflat (v) WITH (lists = 0)", "22023", 'value 0 out of bounds for option "lists"'),
        ("CREATE UNIQUE INDEX ON bad USING hnsw (v)", "0A000", 'access method "hnsw" does not support unique indexes'),
        ("CREATE INDEX ON bad USING hnsw (v, id)", "0A000", "does not support multicolumn indexes"),
        ("SET hnsw.ef_search = 0", "22023", '0 is outside the valid range for parameter "hnsw.ef_search"'),
        ("SET ivfflat.probes = 'many'", "22023", 'invalid value for parameter "ivfflat.probes"'),
    ]
    for sql, state, message in cases:
        got = error_of(conn, sql)
        check(got is not None and got[0] == state and message in got[1], f"{sql}: {got}, want {state} {message}")
    check(run(conn, "SELECT count(*) FROM bad") == [(0,)], "bad input stored nothing")
    conn.commit()


def test_binary_format(port):
    with psycopg.connect(host="127.0.0.1", port=port, user="tester", dbname="db", autocommit=True) as conn:
        oid = conn.execute("SELECT oid FROM pg_type WHERE typname = 'vector'").fetchone()
        check(oid is not None, "pg_type has a vector row")
        cur = conn.cursor(binary=True)
        cur.execute("SELECT '[1.5,-2,0.25]'::vector")
        raw = cur.fetchone()[0]
        want = struct.pack(">hh3f", 3, 0, 1.5, -2.0, 0.25)
        check(bytes(raw) == want, f"vector_send's binary form: {bytes(raw)!r}")
        cur = conn.execute("SELECT %s::vector <-> '[0,0,0]'", ["[3,4,0]"])
        check(cur.fetchone()[0] == 5.0, "a text parameter cast to vector")


def recall(got, truth):
    return len(set(got) & set(truth)) / len(truth)


def test_indexes_and_recall(conn, port):
    rows, queries = clustered_dataset()
    load(conn, rows)
    vectors = {i: v for i, _, v in rows}
    metrics = {"<->": ("vector_l2_ops", lambda a, b: l2(a, b)),
               "<=>": ("vector_cosine_ops", cosine),
               "<#>": ("vector_ip_ops", lambda a, b: -dot(a, b))}
    # Exact search first (no index), checked against the reference.
    truth = {}
    for op, (_, dist) in metrics.items():
        for qi, q in enumerate(queries[:5]):
            got = [r[0] for r in run(conn, f"SELECT id FROM items ORDER BY embedding {op} '{literal(q)}' LIMIT 10")]
            ref = sorted(vectors, key=lambda i: (dist(vectors[i], q), i))[:10]
            check(recall(got, ref) == 1.0, f"exact search {op} matches the reference (query {qi})")
        truth[op] = [[r[0] for r in run(conn, f"SELECT id FROM items ORDER BY embedding {op} '{literal(q)}' "
                                              "LIMIT 10")] for q in queries]
    kinds = [
        ("hnsw", "WITH (m = 16, ef_construction = 200)", None, 0.95),
        ("hnsw", "WITH (quantization = 'product', pq_subquantizers = 4, pq_centroids = 256)", None, 0.90),
        ("ivfflat", "WITH (lists = 20)", "SET ivfflat.probes = 5", 0.90),
        ("ivfpq", "WITH (lists = 20, pq_subquantizers = 4)", "SET ivf.probes = 5", 0.90),
    ]
    for method, options, knob, floor in kinds:
        for op, (opclass, _) in metrics.items():
            run(conn, f"CREATE INDEX vi ON items USING {method} (embedding {opclass}) {options}")
            conn.commit()
            if knob:
                run(conn, knob)
            q0 = literal(queries[0])
            shown = plan(conn, f"SELECT id FROM items ORDER BY embedding {op} '{q0}' LIMIT 10")
            check("Index Scan using vi on items" in shown and f"Order By: (embedding {op} " in shown,
                  f"EXPLAIN shows {method} {opclass} in use: {shown}")
            total = 0.0
            for q, t in zip(queries, truth[op]):
                got = [r[0] for r in run(conn, f"SELECT id FROM items ORDER BY embedding {op} '{literal(q)}' "
                                               "LIMIT 10")]
                check(len(got) == 10, f"{method} {opclass}: 10 rows")
                total += recall(got, t)
            check(total / len(queries) >= floor,
                  f"{method} {options} {opclass}: recall@10 {total / len(queries):.3f} >= {floor}")
            if knob:
                run(conn, "RESET ALL")
            run(conn, "DROP INDEX vi")
            conn.commit()

    # What uses an index and what does not.
    run(conn, "CREATE INDEX vi ON items USING hnsw (embedding vector_l2_ops)")
    conn.commit()
    q0 = literal(queries[0])
    check("Seq Scan" in plan(conn, f"SELECT id FROM items ORDER BY embedding <-> '{q0}'"),
          "no LIMIT: no index")
    check("Seq Scan" in plan(conn, f"SELECT id FROM items ORDER BY embedding <=> '{q0}' LIMIT 5"),
          "an operator the opclass does not measure: no index")
    check("Seq Scan" in plan(conn, f"SELECT id FROM items ORDER BY embedding <-> '{q0}' DESC LIMIT 5"),
          "descending distance: no index")
    shown = plan(conn, f"SELECT id, embedding <-> '{q0}' AS d FROM items WHERE cat = 3 ORDER BY d LIMIT 5")
    check("Index Scan using vi" in shown and "Filter: (cat = 3)" in shown,
          f"with a projected distance and a WHERE filter: {shown}")
    with psycopg.connect(host="127.0.0.1", port=port, user="tester", dbname="db", autocommit=True) as c3:
        got = [r[0] for r in c3.execute("SELECT id FROM items ORDER BY embedding <-> %s LIMIT 10",
                                        [literal(queries[0])]).fetchall()]
        check(recall(got, truth["<->"][0]) >= 0.9, f"a bound parameter as the query vector: {got}")

    # Filtered searches keep their k rows, however selective, through the
    # graph's own filtered walk and through FAISS's IDSelector for IVF.
    for index in ("hnsw", "ivfflat"):
        if index == "ivfflat":
            run(conn, "DROP INDEX vi")
            run(conn, "CREATE INDEX vi ON items USING ivfflat (embedding vector_l2_ops) WITH (lists = 20)")
            conn.commit()
        for where, matching in (("cat = 3", None), ("cat < 5", None), ("id % 500 = 0", 6), ("id % 100 = 1", None),
                                ("cat = 42", 0)):
            got = run(conn, f"SELECT id FROM items WHERE {where} ORDER BY embedding <-> '{q0}' LIMIT 10")
            want = matching if matching is not None else 10
            check(len(got) == want, f"{index} WHERE {where}: {len(got)} rows, want {want}")
            ref = sorted((i for i, c, _ in rows if eval(where.replace("=", "==").replace("cat", str(c)).replace("id", str(i)))),
                         key=lambda i: (l2(vectors[i], queries[0]), i))[:10]
            check(recall([r[0] for r in got], ref) >= 0.9 if ref else not got,
                  f"{index} WHERE {where}: the nearest matching rows")
        got = error_of(conn, f"SELECT id FROM items WHERE 1 / (cat - 3) > 0 ORDER BY embedding <-> '{q0}' LIMIT 10")
        check(got is not None and got[0] == "22012", f"{index}: an error in the filter reaches the client: {got}")
    run(conn, "DROP INDEX vi")
    run(conn, "CREATE INDEX vi ON items USING hnsw (embedding vector_l2_ops)")
    conn.commit()
    # A distance threshold returns every row within it.
    radius = sorted(l2(v, queries[0]) for v in vectors.values())[40]
    got = run(conn, f"SELECT id FROM items WHERE (embedding <-> '{q0}') < {radius} ORDER BY embedding <-> '{q0}'")
    want = [i for i in vectors if l2(vectors[i], queries[0]) < radius]
    check(sorted(r[0] for r in got) == sorted(want), f"distance threshold: {len(got)} rows, want {len(want)}")
    conn.commit()


def test_visibility(server):
    a, b = server.connect(), server.connect()
    run(a, "CREATE TABLE vis (id int PRIMARY KEY, v vector(2))")
    run(a, "INSERT INTO vis VALUES (1, '[10,10]')")
    run(a, "INSERT INTO vis VALUES (2, '[20,20]'), (3, '[30,30]')")
    run(a, "CREATE INDEX ON vis USING hnsw (v vector_l2_ops)")
    a.commit()
    near = "SELECT id FROM vis ORDER BY v <-> '[0,0]' LIMIT 1"
    run(a, "INSERT INTO vis VALUES (4, '[0,0]')")
    check(run(a, near) == [(4,)], "a transaction finds its own new row through the index")
    check(run(b, near) == [(1,)], "another transaction does not see the uncommitted row")
    b.commit()
    a.rollback()
    check(run(b, near) == [(1,)], "a rolled-back insert is never returned")
    b.commit()
    run(a, "DELETE FROM vis WHERE id = 1")
    a.commit()
    check(run(b, near) == [(2,)], "a deleted row is never returned")
    b.commit()
    run(a, "UPDATE vis SET v = '[100,100]' WHERE id = 2")
    a.commit()
    check(run(b, near) == [(3,)], "an updated row is found by its new vector only")
    check(run(b, "SELECT id FROM vis ORDER BY v <-> '[100,100]' LIMIT 2") == [(2,), (3,)],
          "the new vector leads to the row")
    b.commit()
    run(a, "BEGIN")
    run(a, "DELETE FROM vis WHERE id = 3")
    a.rollback()
    check(run(b, near) == [(3,)], "a rolled-back delete leaves the row found")
    b.commit()
    run(a, "UPDATE vis SET v = '[-500,-500]' WHERE id = 3")
    check(run(a, "SELECT id FROM vis ORDER BY v <-> '[-500,-500]' LIMIT 1") == [(3,)],
          "an uncommitted update is found by its new vector in its own transaction")
    check(run(b, near) == [(3,)], "and by its old vector in another transaction")
    check(run(b, "SELECT id, v <-> '[-500,-500]' < 1 FROM vis ORDER BY v <-> '[-500,-500]' LIMIT 2")
          == [(3, False), (2, False)], "the other transaction ranks the row by the vector it sees")
    b.commit()
    a.rollback()
    check(run(b, near) == [(3,)], "a rolled-back update leaves the row found by its old vector")
    check(run(b, "SELECT id FROM vis ORDER BY v <-> '[-500,-500]' LIMIT 1") == [(3,)],
          "and only as far as that vector is")
    b.commit()
    run(a, "TRUNCATE vis")
    run(a, "INSERT INTO vis VALUES (9, '[1,1]')")
    a.commit()
    check(run(b, near) == [(9,)], "after TRUNCATE the index holds the new rows only")
    b.commit()
    a.close()
    b.close()


def saved_index_files(data_dir):
    found = set()
    for root, _, files in os.walk(data_dir):
        if os.path.basename(root) == "vector_indexes":
            found |= {f for f in files if not f.endswith(".tmp")}
    return found


def test_index_files(conn, data_dir):
    """An index of a rolled-back CREATE INDEX never stands for the next index
    given its oid, and a dropped branch takes its saved indexes with it."""
    run(conn, "CREATE TABLE f1 (id int PRIMARY KEY, v vector(2))")
    run(conn, "CREATE TABLE f2 (id int PRIMARY KEY, v vector(2))")
    run(conn, "INSERT INTO f1 SELECT i, ARRAY[i, i] FROM generate_series(1, 50) i")
    run(conn, "INSERT INTO f2 SELECT i, ARRAY[100 + i, 100 + i] FROM generate_series(1, 40) i")
    conn.commit()
    run(conn, "CREATE INDEX fi ON f1 USING hnsw (v vector_l2_ops)")
    conn.rollback()
    run(conn, "CREATE INDEX fi ON f2 USING hnsw (v vector_l2_ops)")
    conn.commit()
    check(run(conn, "SELECT id FROM f2 ORDER BY v <-> '[0,0]' LIMIT 3") == [(1,), (2,), (3,)],
          "the index made after a rolled-back one holds its own table's rows")
    check(run(conn, "SELECT num_vectors FROM pg_vector_index_stats() WHERE index_name = 'fi'") == [(40,)],
          "and only those")
    before = saved_index_files(data_dir)
    conn.commit()
    conn.autocommit = True
    built = run(conn, "SELECT last_rebuild FROM pg_vector_index_stats() WHERE index_name = 'fi'")
    run(conn, "CREATE DATABASE BRANCH vb FROM main AS OF NOW")
    run(conn, "INSERT INTO f2 VALUES (98, '[0.5,0.5]')")  # main's, after the fork
    run(conn, "USE BRANCH vb")
    run(conn, "INSERT INTO f2 VALUES (99, '[0,0]')")
    check(run(conn, "SELECT id FROM f2 ORDER BY v <-> '[0,0]' LIMIT 2") == [(99,), (1,)],
          "the branch's index holds the branch's rows, not the parent's later ones")
    check(run(conn, "SELECT last_rebuild FROM pg_vector_index_stats() WHERE index_name = 'fi'") == built,
          "the branch's index starts as a copy of its parent's, not a build")
    conn.commit()
    in_branch = saved_index_files(data_dir)
    check(len(in_branch - before) >= 2, f"the branch's index is saved: {sorted(in_branch - before)}")
    run(conn, "USE BRANCH main")
    run(conn, "DROP DATABASE BRANCH vb")
    conn.autocommit = False
    check(saved_index_files(data_dir) == before, f"a dropped branch's saved indexes go with it: "
                                                 f"{sorted(saved_index_files(data_dir) - before)}")
    run(conn, "DROP TABLE f1, f2")
    conn.commit()


def test_stats(conn):
    run(conn, "CREATE INDEX pq ON items USING hnsw (embedding vector_cosine_ops) "
              "WITH (quantization = 'product', pq_subquantizers = 4, m = 8, ef_construction = 40)")
    run(conn, "SET hnsw.ef_search = 77")
    rows = run(conn, "SELECT index_name, table_name, \"column\", method, metric, num_vectors, dimensions, "
                     "quantization, compression_ratio, m, ef_construction, ef_search, deleted_vectors, "
                     "memory_bytes > 0, last_rebuild FROM pg_vector_index_stats() "
                     "WHERE table_name = 'items' ORDER BY index_name")
    by_name = {r[0]: r for r in rows}
    check(by_name.get("pq", ())[1:13] == ("items", "embedding", "hnsw", "cosine", ROWS, DIMS, "product", 16.0, 8, 40,
                                          77, 0), f"stats of a PQ index: {by_name.get('pq')}")
    check(by_name.get("vi", ())[3:8] == ("hnsw", "l2", ROWS, DIMS, "none"), f"stats of a flat index: {by_name}")
    check(all(r[13] and r[14] is not None for r in rows), "memory_bytes and last_rebuild")
    check(run(conn, "SHOW hnsw.ef_search") == [("77",)], "SHOW hnsw.ef_search")
    run(conn, "UPDATE items SET embedding = embedding * '[2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2]' WHERE id <= 10")
    conn.commit()
    run(conn, "SELECT id FROM items ORDER BY embedding <-> '[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]' LIMIT 1")
    deleted = run(conn, "SELECT deleted_vectors FROM pg_vector_index_stats() WHERE index_name = 'vi'")
    check(deleted == [(10,)], f"deleted_vectors counts superseded entries: {deleted}")
    conn.commit()
    built = run(conn, "SELECT last_rebuild FROM pg_vector_index_stats() WHERE index_name = 'vi'")
    run(conn, "REINDEX INDEX vi")
    conn.commit()
    rows = run(conn, "SELECT deleted_vectors, num_vectors, last_rebuild > %s FROM pg_vector_index_stats() "
                     "WHERE index_name = 'vi'", built[0][0])
    check(rows == [(0, ROWS, True)], f"REINDEX builds the index again, without its superseded entries: {rows}")
    check(len(run(conn, "SELECT id FROM items ORDER BY embedding <-> '[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]' LIMIT 5"))
          == 5, "and it serves searches")
    run(conn, "UPDATE items SET embedding = embedding * '[0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,"
              "0.5,0.5]' WHERE id <= 10")
    conn.commit()
    conn.autocommit = True
    run(conn, "UPDATE items SET embedding = embedding * '[2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2]' WHERE id <= 800")
    run(conn, "VACUUM items")
    rows = run(conn, "SELECT index_name, deleted_vectors, num_vectors FROM pg_vector_index_stats() "
                     "WHERE table_name = 'items' ORDER BY index_name")
    check(rows == [("pq", 0, ROWS), ("vi", 0, ROWS)],
          f"VACUUM rebuilds an index with a fifth of its entries superseded: {rows}")
    conn.autocommit = False
    run(conn, "BEGIN")
    run(conn, "SET LOCAL hnsw.ef_search = 200")
    check(run(conn, "SHOW hnsw.ef_search") == [("200",)], "SET LOCAL hnsw.ef_search")
    conn.rollback()
    check(run(conn, "SHOW hnsw.ef_search") == [("77",)], "SET LOCAL ends with the transaction")
    conn.commit()


def test_build_progress(server):
    """A long CREATE INDEX shows in pg_stat_progress_create_index while it runs."""
    conn = server.connect()
    rnd = random.Random(11)
    run(conn, "CREATE TABLE big (id int PRIMARY KEY, v vector(32))")
    for start in range(0, 40000, 1000):
        values = ",".join(f"({i},'{literal([round(rnd.gauss(0, 1), 3) for _ in range(32)])}')"
                          for i in range(start, start + 1000))
        run(conn, "INSERT INTO big VALUES " + values)
    conn.commit()
    seen = []
    done = threading.Event()

    def build():
        c = server.connect()
        run(c, "CREATE INDEX big_v ON big USING hnsw (v vector_l2_ops) WITH (m = 32, ef_construction = 400)")
        c.commit()
        c.close()
        done.set()

    builder = threading.Thread(target=build)
    builder.start()
    watcher = server.connect()
    watcher.autocommit = True
    while not done.is_set():
        rows = run(watcher, "SELECT command, phase, tuples_total, tuples_done, relid > 0 "
                            "FROM pg_stat_progress_create_index")
        seen.extend(rows)
        time.sleep(0.01)
    builder.join()
    check(any(r[0] == "CREATE INDEX" and r[1] == "building index: loading tuples in tree" and r[2] == 40000
              and 0 <= r[3] < 40000 and r[4] for r in seen),
          f"pg_stat_progress_create_index shows the build: {seen[:3]}")
    check(run(watcher, "SELECT count(*) FROM pg_stat_progress_create_index") == [(0,)], "and nothing once it is done")
    run(watcher, "DROP TABLE big")
    watcher.close()
    conn.close()


def main():
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="heliosdb-vec-") as data_dir:
        server = Server("--data", data_dir)
        try:
            conn = server.connect()
            for name, test, *args in (("seed examples", test_seed_examples, conn),
                                      ("operators and functions", test_operators_and_functions, conn),
                                      ("exact search", test_exact_search, conn),
                                      ("bad input", test_bad_input, conn),
                                      ("binary format", test_binary_format, server.port),
                                      ("indexes and recall", test_indexes_and_recall, conn, server.port),
                                      ("visibility", test_visibility, server),
                                      ("build progress", test_build_progress, server),
                                      ("index files", test_index_files, conn, data_dir),
                                      ("stats", test_stats, conn)):
                t = time.monotonic()
                test(*args)
                print(f"{name}: {time.monotonic() - t:.1f} s")
            q = "[" + ",".join(["0.5"] * DIMS) + "]"
            # A search wide enough to be exact, so that an index rebuilt differently gives the same rows.
            run(conn, "SET hnsw.ef_search = 1000")
            before = run(conn, f"SELECT id FROM items ORDER BY embedding <-> '{q}' LIMIT 10")
            stats_before = run(conn, STATS)
            conn.close()
        finally:
            check(server.stop() == 0, "the server exits cleanly on SIGTERM")
        server = Server("--data", data_dir)
        try:
            conn = server.connect()
            check("Index Scan using vi" in plan(conn, f"SELECT id FROM items ORDER BY embedding <-> '{q}' LIMIT 10"),
                  "the index is there after a restart")
            run(conn, "SET hnsw.ef_search = 1000")
            after = run(conn, f"SELECT id FROM items ORDER BY embedding <-> '{q}' LIMIT 10")
            check(after == before, f"the same nearest rows after a restart: {after} vs {before}")
            stats_after = run(conn, STATS)
            check(stats_after == stats_before,
                  f"the indexes are read back, not built again: {stats_after} vs {stats_before}")
            # Changes the saved copies do not hold, then a crash: no save at shutdown.
            run(conn, f"INSERT INTO items VALUES (100001, 0, '{q}')")
            run(conn, f"UPDATE items SET embedding = '[{','.join(['-9'] * DIMS)}]' WHERE id = {before[0][0]}")
            conn.commit()
            conn.close()
            server.proc.kill()
            server.proc.wait()
        except BaseException:
            server.stop()
            raise
        server = Server("--data", data_dir)
        try:
            conn = server.connect()
            run(conn, "SET hnsw.ef_search = 1000")
            found = [r[0] for r in run(conn, f"SELECT id FROM items ORDER BY embedding <-> '{q}' LIMIT 10")]
            check(found[:1] == [100001] and before[0][0] not in found and found[1:] == [r[0] for r in before[1:]],
                  f"after a crash the indexes catch up with the rows committed since they were saved: {found}")
            stats_crash = run(conn, STATS)
            check([(r[0], r[1]) for r in stats_crash] == [(r[0], r[1]) for r in stats_before],
                  f"and are not built again: {stats_crash}")
            conn.close()
        finally:
            check(server.stop() == 0, "the restarted server exits cleanly")
    print(f"vector search tests: {time.monotonic() - start:.1f} s")
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print("all vector search checks passed")


if __name__ == "__main__":
    main()
