-- DATE, TIME, TIMESTAMP, TIMESTAMPTZ and INTERVAL: input, output, arithmetic, functions.
SELECT '2024-01-15'::date, '2024-02-29'::date, 'Jan 15 2024'::date, 'January 15, 2024'::date, '15 Jan 2024'::date, '20240115'::date;
SELECT '01/15/2024'::date, '0044-03-15 BC'::date, 'epoch'::date, 'infinity'::date, '-infinity'::date;
SELECT '2024-02-30'::date;
SELECT 'not a date'::date;
SELECT '10:30'::time, '10:30:15'::time, '10:30:15.123456'::time, '23:59:59.9999999'::time, '24:00:00'::time, '1:05 pm'::time;
SELECT '25:00'::time;
SELECT '2024-01-15 10:30:00'::timestamp, '2024-01-15T10:30:00.5'::timestamp, '2024-01-15'::timestamp, 'epoch'::timestamp;
SELECT '2024-01-15 10:30:00+02'::timestamptz, '2024-01-15 10:30:00Z'::timestamptz, '2024-01-15 10:30:00-05:30'::timestamptz, '2024-01-15 10:30 UTC'::timestamptz;
SELECT '2024-01-15 10:30:00.123456789'::timestamp, '2024-01-15 10:30:00.5'::timestamp(0), '2024-01-15 10:30:00.456'::timestamp(1);
SELECT '1 day'::interval, '2 hours 30 minutes'::interval, '1 year 2 months 3 days 04:05:06.5'::interval, '-1 day'::interval, '3 mons'::interval;
SELECT '1 week'::interval, '1.5 days'::interval, '@ 1 minute ago'::interval, 'P1Y2M3DT4H5M6S'::interval, '10:00'::interval, '100'::interval;
SELECT '-1 days +02:00:00'::interval, '1 day -1 hour'::interval, '1.5 years'::interval, '0'::interval, '-00:30:00'::interval;
SELECT 'forever'::interval;
SELECT '2024-01-15'::date + 30, '2024-01-15'::date - 15, '2024-03-01'::date - '2024-02-01'::date, 30 + '2024-01-15'::date;
SELECT '2024-01-31'::date + interval '1 month', '2024-01-15'::date - interval '1 day', '2024-01-15'::date + '10:30'::time;
SELECT '2024-01-31 10:00'::timestamp + interval '1 month', '2023-01-31'::timestamp + interval '1 month', '2024-02-29'::timestamp + interval '1 year';
SELECT '2024-01-15 10:00'::timestamp - '2024-01-14 08:30'::timestamp, '2024-01-15'::timestamp - '2024-03-15'::timestamp;
SELECT '2024-01-15 10:00'::timestamp + '1 hour', '2024-01-15 10:00'::timestamp - '2024-01-01';
SELECT '10:00'::time + interval '3 hours', '22:00'::time + interval '3 hours', '10:00'::time - '08:15'::time, '10:00'::time - interval '11 hours';
SELECT interval '1 day' + interval '2 hours', interval '1 day' - interval '2 days', -interval '1 day 2 hours', interval '1 hour' * 2.5, interval '1 day' / 4, 3 * interval '1 month';
SELECT interval '1 month' = interval '30 days', interval '1 day' > interval '23 hours', interval '1 year' > interval '360 days';
SELECT '2024-01-15'::date = '2024-01-15 00:00'::timestamp, '2024-01-15'::date < '2024-01-15 00:00:01'::timestamp, '2024-01-15 10:00'::timestamp = '2024-01-15 10:00+00'::timestamptz;
SELECT extract(year from '2024-01-15 10:30:45.5'::timestamp), extract(month from '2024-01-15'::date), extract(day from timestamp '2024-01-15 10:30:45.5'), extract(hour from '2024-01-15 10:30:45.5'::timestamp);
SELECT extract(minute from '10:30:45.5'::time), extract(second from '2024-01-15 10:30:45.5'::timestamp), extract(milliseconds from '10:30:45.5'::time), extract(microseconds from '10:30:45.5'::time);
SELECT extract(epoch from '2024-01-15 10:30:00'::timestamp), extract(epoch from '2024-01-15'::date), extract(epoch from interval '1 day 1 hour'), extract(epoch from '2024-01-15 10:30:00+00'::timestamptz);
SELECT extract(dow from '2024-01-14'::date), extract(isodow from '2024-01-14'::date), extract(doy from '2024-12-31'::date), extract(week from '2024-01-01'::date), extract(week from '2021-01-03'::date), extract(isoyear from '2021-01-03'::date);
SELECT extract(quarter from '2024-08-15'::date), extract(decade from '2024-08-15'::date), extract(century from '2024-08-15'::date), extract(millennium from '2001-01-01'::date), extract(century from '2000-12-31'::date);
SELECT extract(year from interval '2 years 3 months'), extract(month from interval '2 years 15 months'), extract(day from interval '40 days'), extract(hour from interval '26 hours');
SELECT extract(hour from '2024-01-15'::date);
SELECT extract(foo from '2024-01-15'::date);
SELECT date_part('year', '2024-01-15'::date), date_part('second', '10:30:45.5'::time), date_part('epoch', '2024-01-15 10:30:00'::timestamp);
SELECT date_trunc('month', '2024-01-15 10:30:45'::timestamp), date_trunc('hour', '2024-01-15 10:30:45'::timestamp), date_trunc('year', '2024-06-15'::timestamp), date_trunc('week', '2024-01-17 10:00'::timestamp), date_trunc('quarter', '2024-08-17'::timestamp);
SELECT date_trunc('day', '2024-01-15 10:30:45+00'::timestamptz), date_trunc('hour', interval '1 day 10:30:45'), date_trunc('minute', '2024-01-15 10:30:45.5'::timestamp);
SELECT date_trunc('nonsense', '2024-01-15'::timestamp);
SELECT age('2024-03-15'::timestamp, '2023-01-20'::timestamp), age('2023-01-20'::timestamp, '2024-03-15'::timestamp), age('2024-03-01'::timestamp, '2024-01-31'::timestamp);
SELECT justify_hours(interval '50 hours'), justify_days(interval '65 days'), justify_interval(interval '1 mon -1 hour');
SELECT make_date(2024, 2, 29), make_time(10, 30, 15.5), make_timestamp(2024, 1, 15, 10, 30, 0), to_timestamp(0), to_timestamp(1705314600);
SELECT make_date(2023, 2, 29);
SELECT isfinite('infinity'::date), isfinite('2024-01-01'::date), DATE('2024-01-15 10:30:00'::timestamp), date '2024-01-15';
SELECT '2024-01-15 10:30:00'::timestamp::date, '2024-01-15 10:30:00'::timestamp::time, '2024-01-15'::date::timestamp, '2024-01-15 10:30'::timestamptz::timestamp, '10:30'::time::interval;
SELECT '2024-01-15'::date::text, CAST('2024-01-15 10:30' AS timestamp)::text, interval '90 minutes'::text;
SELECT now() = CURRENT_TIMESTAMP, CURRENT_DATE = now()::date, now() - now(), pg_typeof(now()), pg_typeof(CURRENT_DATE), pg_typeof(LOCALTIMESTAMP);
CREATE TABLE events (id INT PRIMARY KEY, name TEXT, at TIMESTAMP, day DATE, dur INTERVAL, created TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
INSERT INTO events (id, name, at, day, dur) VALUES
  (1, 'launch', '2024-01-15 09:00', '2024-01-15', '2 hours'),
  (2, 'review', '2024-01-16 14:30', '2024-01-16', '45 minutes'),
  (3, 'retro', '2024-02-01 10:00', '2024-02-01', '1 hour 30 minutes'),
  (4, 'party', NULL, NULL, NULL);
SELECT id, name, at + dur AS ends, day - DATE '2024-01-01' AS day_of_year FROM events ORDER BY id;
SELECT id FROM events WHERE at > '2024-01-16' ORDER BY id;
SELECT id FROM events WHERE day BETWEEN '2024-01-01' AND '2024-01-31' ORDER BY id;
SELECT id FROM events WHERE created IS NULL OR created > '2000-01-01' ORDER BY id;
SELECT date_trunc('month', at) AS month, count(*), sum(dur), min(at), max(dur) FROM events WHERE at IS NOT NULL GROUP BY date_trunc('month', at) ORDER BY month;
SELECT DATE(at) AS d, count(*) FROM events WHERE at IS NOT NULL GROUP BY DATE(at) ORDER BY d;
SELECT name FROM events ORDER BY dur DESC NULLS LAST, id;
SELECT avg(dur) FROM events;
UPDATE events SET at = at + interval '1 day' WHERE id = 1;
SELECT at FROM events WHERE id = 1;
SELECT id FROM events WHERE at >= now() - interval '100 years' ORDER BY id;
CREATE INDEX events_at ON events (at);
SELECT id FROM events WHERE at < '2024-01-20' ORDER BY id;
-- An offset after a date alone (pgjdbc's setDate and setTimestamp send them): a date ignores it, timestamptz reads midnight there.
SELECT '2024-02-01 +00'::date, '2024-02-01 +05:30'::date, '2024-02-01 -03'::timestamptz, '2024-02-01 +0530'::timestamp;
SELECT '2024-02-01 10:00:01.5 +00'::timestamp, '2024-02-01 10:00:00 +05:30'::timestamptz;
SELECT '2024-02-01 +'::date;
