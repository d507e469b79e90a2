/** Building blocks of the hostile requests: values no field may accept. */

/** Values that are never a valid orderNo: wrong types and Unicode look-alikes or invisibles. */
export const BAD_ORDER_NOS: unknown[] = [
  '',
  'x'.repeat(65),
  'A\u200f1001',
  'A\u202e1001',
  'A\u200d1001',
  '\ufeffA1001',
  'Ａ１００１',
  '１２３４',
  'А1001',
  'A1001\u0000',
  'A 1001',
  'A/1001',
  'A.1001',
  'A1001\n',
  '😀',
  'e\u0301',
  '../etc',
  '<script>',
  "A'; DROP TABLE payments;--",
  12345,
  -1,
  1e308,
  true,
  null,
  [],
  ['A1001'],
  { $gt: '' },
];

export const BAD_AMOUNTS: unknown[] = [
  12.5,
  0,
  -1,
  1e308,
  '0',
  '0.00',
  '-0.01',
  '-12.50',
  '+12.50',
  '12.505',
  '1.005',
  '1e3',
  '1E3',
  '0x10',
  '12,50',
  ' 12.50',
  '12.50 ',
  '.5',
  '5.',
  '012.50',
  'NaN',
  'Infinity',
  '10000000',
  '99999999999999999999',
  '9999999.999',
  '１２.５０',
  '12.5\u200f',
  '١٢.٥',
  '',
  null,
  true,
  ['12.50'],
  { value: '12.50' },
];

/** Orders may be free, so zero amounts are valid there. */
export const BAD_ORDER_AMOUNTS = BAD_AMOUNTS.filter((a) => !['0', '0.00', 0].includes(a as string));

export const BAD_QR_CODES: unknown[] = ['', 'q'.repeat(2049), 42, null, ['x'], {}];
export const BAD_EXPIRES: unknown[] = [0, 9, 3601, 1e9, -10, 60.5, '60', null, true, 1e308];
export const BAD_SERIALS: unknown[] = ['', 'has space', 'x'.repeat(65), 'séríal', 5555, null];
export const BAD_URLS: unknown[] = [
  'ftp://x/cb',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'http://',
  'not a url',
  'u'.repeat(2049),
  7,
];

/** Raw JSON texts that are not an acceptable payment body. */
export const BAD_JSON_TEXTS = [
  '',
  '{',
  '{"orderNo":"X1",}',
  '{"orderNo":"X1" "amount":"1"}',
  "{'orderNo':'X1'}",
  'null',
  '[]',
  '"string"',
  '12',
  'true',
  '{"orderNo":"X1","amount":"1.00","qrCode":"q"} trailing',
  '\ufeff{"orderNo":"X1","amount":"1.00","qrCode":"q"',
  '{"orderNo":"X1","amount":1e400,"qrCode":"q"}',
  '{"orderNo":"X1","amount":"1.00","qrCode":"q","expiresInSec":1e400}',
  '{"orderNo":"X1","amount":"1.00","qrCode":"q","expiresInSec":-1e400}',
  '{"orderNo":"X1","orderNo":"X\u200f2","amount":"1.00","qrCode":"q"}',
  '{"__proto__":{"admin":true},"orderNo":"X1","amount":"1.00"}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `{"a":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`,
];
