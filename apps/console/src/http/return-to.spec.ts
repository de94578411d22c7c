import { safeReturnTo } from './return-to';

describe('the path a sign-in returns to', () => {
  it.each([
    ['/cases?name=Ivan', '/cases?name=Ivan'],
    ['/legal-files/abc', '/legal-files/abc'],
  ])('keeps the console path %s', (asked, kept) => expect(safeReturnTo(asked)).toBe(kept));

  it.each([['https://evil.example/'], ['//evil.example/'], ['/\\evil.example'], ['/auth/login'], ['/x\r\nSet-Cookie: a=b'], [undefined], [['/a', '/b']]])(
    'sends %p to the start page instead',
    (asked) => expect(safeReturnTo(asked)).toBe('/'),
  );
});
