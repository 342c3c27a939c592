-- JSON and JSONB: input, canonical output, operators and functions.
SELECT '{"b": 1, "a": [1, 2.50, {"c": null}], "aa": true}'::jsonb, '{"b":1,"a":2,"b":3}'::jsonb, '  [1,  "x" , null ]  '::jsonb;
SELECT '{"b":1,"a":2,"b":3}'::json, '  [1, 2]  '::json, '"caf\u00e9"'::jsonb, '1e2'::jsonb, '-0.0'::jsonb, '"tab\there"'::jsonb;
SELECT '{"a": 1'::jsonb;
SELECT '{"a" 1}'::json;
SELECT '[1, 2,]'::jsonb;
SELECT 'nope'::jsonb;
SELECT '01'::jsonb;
SELECT '"\u0000"'::jsonb;
SELECT '{"a": {"b": [10, 20, 30]}, "s": "text", "n": null}'::jsonb -> 'a', '{"a": {"b": [10, 20, 30]}}'::jsonb -> 'a' -> 'b' -> 1;
SELECT '{"s": "text", "n": null, "x": 5}'::jsonb ->> 's', '{"s": "text", "n": null}'::jsonb ->> 'n', '{"x": 5}'::jsonb ->> 'x', '{"x": 5}'::jsonb -> 'missing';
SELECT '[1, 2, 3]'::jsonb -> -1, '[1, 2, 3]'::jsonb -> 5, '[1, 2, 3]'::jsonb ->> 0, '{"a": 1}'::jsonb -> 0, '[1]'::jsonb -> 'a';
SELECT '{"a": {"b": 1}, "a": 2}'::json -> 'a', '{"a":  [1,  2]}'::json -> 'a', '{"a":  [1,  2]}'::json ->> 'a';
SELECT '{"a": 1, "b": 2}'::jsonb ? 'a', '{"a": 1}'::jsonb ? 'z', '["a", "b"]'::jsonb ? 'b', '"a"'::jsonb ? 'a';
SELECT '{"a": 1, "b": {"c": 2}}'::jsonb @> '{"b": {"c": 2}}', '{"a": 1}'::jsonb @> '{"a": 2}', '[1, 2, [3, 4]]'::jsonb @> '[[3], 1]', '[1, 2]'::jsonb @> '1', '{"a": 1}'::jsonb <@ '{"a": 1, "b": 2}';
SELECT '{"a": 1}'::jsonb || '{"b": 2, "a": 3}', '[1, 2]'::jsonb || '[3]', '[1]'::jsonb || '{"a": 1}', '{"a": 1, "b": 2}'::jsonb - 'a', '[1, 2, 3]'::jsonb - 1, '["a", "b", "a"]'::jsonb - 'a';
SELECT '1.0'::jsonb = '1'::jsonb, '{"a": 1}'::jsonb = '{"a": 1.00}'::jsonb, '[1, 2]'::jsonb < '[1, 3]'::jsonb, '{"a": 1}'::jsonb > '[1, 2, 3]'::jsonb, 'null'::jsonb < '"a"'::jsonb;
SELECT '{"a": 1}'::json = '{"a": 1}'::json;
SELECT jsonb_typeof('{}'), jsonb_typeof('[]'), jsonb_typeof('"s"'), jsonb_typeof('1.5'), jsonb_typeof('true'), jsonb_typeof('null'), json_typeof('[1]');
SELECT jsonb_array_length('[1, 2, [3]]'), json_array_length('[]');
SELECT jsonb_array_length('{"a": 1}');
SELECT jsonb_build_object('a', 1, 'b', 'two', 'c', NULL, 'd', true, 'e', 2.5), jsonb_build_array(1, 'x', NULL, false), jsonb_build_object(), jsonb_build_array();
SELECT json_build_object('b', 1, 'a', 2), json_build_array(1, 'two'), to_jsonb('text'::text), to_jsonb(42), to_jsonb(true), to_json('x'::text);
SELECT jsonb_build_object('a', 1, 'b');
SELECT jsonb_pretty('{"a": [1, {"b": 2}], "c": {}}'), jsonb_strip_nulls('{"a": null, "b": {"c": null, "d": 1}, "e": [null]}');
SELECT jsonb_extract_path('{"a": {"b": [5, 6]}}', 'a', 'b', '1'), jsonb_extract_path_text('{"a": {"b": "x"}}', 'a', 'b'), jsonb_extract_path('{"a": 1}', 'z');
SELECT '5'::jsonb::int, '2.5'::jsonb::numeric, 'true'::jsonb::boolean, '1.5'::jsonb::float8, '{"a": 1}'::jsonb::text, '{"a": 1}'::json::jsonb, '{"b":1,"a":2}'::jsonb::json;
SELECT '"5"'::jsonb::int;
SELECT '{"a": 1}'::jsonb::int;
CREATE TABLE users (id INT PRIMARY KEY, metadata JSONB, raw JSON);
INSERT INTO users VALUES
  (1, '{"name": "ann", "tags": ["admin", "dev"], "age": 31, "address": {"city": "Paris"}}', '{"x": 1}'),
  (2, '{"name": "bob", "tags": ["dev"], "age": 25}', '[1, 2]'),
  (3, '{"name": "cy", "tags": [], "active": false}', NULL),
  (4, NULL, '"scalar"');
INSERT INTO users VALUES (5, '{broken', NULL);
SELECT id, metadata ->> 'name' AS name, metadata -> 'tags' AS tags, metadata -> 'address' ->> 'city' AS city FROM users ORDER BY id;
SELECT id FROM users WHERE metadata ->> 'name' = 'bob';
SELECT id FROM users WHERE metadata @> '{"tags": ["dev"]}' ORDER BY id;
SELECT id FROM users WHERE metadata ? 'active' ORDER BY id;
SELECT id, (metadata ->> 'age')::int + 1 AS next_age FROM users WHERE metadata ? 'age' ORDER BY id;
SELECT metadata -> 'tags' ->> 0 AS first_tag, count(*) FROM users GROUP BY metadata -> 'tags' ->> 0 ORDER BY 1 NULLS LAST;
SELECT DISTINCT metadata -> 'tags' FROM users ORDER BY 1;
UPDATE users SET metadata = metadata || '{"verified": true}' WHERE id = 2;
UPDATE users SET metadata = metadata - 'age' WHERE id = 1;
SELECT id, metadata FROM users WHERE id IN (1, 2) ORDER BY id;
SELECT id, raw -> 0, raw ->> 'x' FROM users ORDER BY id;
ALTER TABLE users ADD COLUMN preferences JSONB;
CREATE INDEX idx_user_prefs ON users (preferences);
UPDATE users SET preferences = '{"theme": "dark"}' WHERE id = 1;
SELECT id, preferences FROM users WHERE preferences = '{"theme": "dark"}';
SELECT id FROM users WHERE preferences IS NULL ORDER BY id;
