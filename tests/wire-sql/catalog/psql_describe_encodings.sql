-- covers: psql's \dc, \dO and \dX (pg_conversion_is_visible, pg_collation_is_visible, getdatabaseencoding, pg_char_to_encoding, pg_statistics_obj_is_visible), and the character sets' names and numbers
\dc
\dc+
\dO
\dO+
\dX
SELECT getdatabaseencoding();
SELECT pg_encoding_to_char(pg_char_to_encoding(getdatabaseencoding())) AS round_trip;
SELECT n, pg_encoding_to_char(n) FROM generate_series(-1, 43) AS n;
SELECT name, pg_char_to_encoding(name)
  FROM unnest(ARRAY['UTF8', 'utf-8', 'Unicode', 'LATIN1', 'ISO-8859-1', 'iso_8859_15', 'win1252', 'Windows-1252',
                    'KOI8', 'koi8-r', 'SJIS', 'mskanji', 'ShiftJIS', 'SHIFT_JIS_2004', 'TCVN', 'abc', 'vscii', 'win',
                    'alt', 'EUC-JP', 'euc_jis_2004', 'iso88595', 'ISO_8859_8', 'GBK', 'BIG5', 'UHC', 'JOHAB',
                    'GB18030', 'MULE_INTERNAL', 'SQL_ASCII', 'cp1251', 'no such set', '']) AS name;
SELECT pg_collation_is_visible(1) IS NULL AS no_collation, pg_conversion_is_visible(1) IS NULL AS no_conversion;
