-- Trigonometric and hyperbolic functions of double precision, and random().
SELECT sin(0), sin(1), cos(0), cos(1), tan(1), cot(1), cot(0);
SELECT asin(0.5), acos(0.5), atan(1), atan2(1, 2), atan2(-1, -2), atan2(0, -1);
SELECT sinh(1), cosh(1), tanh(1), asinh(1), acosh(2), atanh(0.5), atanh(1), atanh(-1);
SELECT sin('NaN'), asin('NaN'), atan('Infinity'), tanh('-Infinity'), sinh(1000);
SELECT round(sin(pi() / 6)::numeric, 12), round(degrees(atan2(1, 1))::numeric, 10);
SELECT sin(1::int), cos(2.5::numeric), sin(NULL);
SELECT sin('Infinity');
SELECT cos('-Infinity');
SELECT asin(1.5);
SELECT acos(-2);
SELECT acosh(0.5);
SELECT atanh(2);
SELECT sin('x');
SELECT count(*) FROM generate_series(1, 200) WHERE random() >= 0 AND random() < 1;
SELECT count(DISTINCT random()) > 150 FROM generate_series(1, 200);
SELECT pg_typeof(random());
SELECT setseed(2);
