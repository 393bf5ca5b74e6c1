import fc from 'fast-check';
import { regexes } from 'zod/mini';
import { UnitSchema } from '../catalogue/schema';
import { EMAIL_PATTERN, isEmailAddress, splitRecipients } from './email';

const addresses = (text: string) => splitRecipients(text).map((r) => r.address);

describe('splitRecipients', () => {
  it('splits on commas, semicolons, line breaks and (bare addresses) spaces', () => {
    expect(addresses('a@x.vn, b@x.vn; c@x.vn\nd@x.vn\r\ne@x.vn  f@x.vn')).toEqual([
      'a@x.vn',
      'b@x.vn',
      'c@x.vn',
      'd@x.vn',
      'e@x.vn',
      'f@x.vn',
    ]);
  });

  it('keeps a display name with a comma in quotes whole, and reads the address in angle brackets', () => {
    expect(splitRecipients('"Văn phòng Tỉnh ủy, Điện Biên" <vp@example.vn>, a@b.vn')).toEqual([
      { text: '"Văn phòng Tỉnh ủy, Điện Biên" <vp@example.vn>', address: 'vp@example.vn' },
      { text: 'a@b.vn', address: 'a@b.vn' },
    ]);
    // As Gmail copies several contacts: names with spaces, no quotes.
    expect(addresses('Nguyễn Văn A <a@x.vn>; Trần Thị B <b@x.vn>')).toEqual(['a@x.vn', 'b@x.vn']);
  });

  it('lists each address once (without case), the first spelling kept; empty parts are nothing', () => {
    expect(addresses('A@x.vn, a@X.vn,, ; \n Ban A <a@x.vn>')).toEqual(['A@x.vn']);
    expect(splitRecipients('')).toEqual([]);
    expect(splitRecipients(' ,; \n')).toEqual([]);
  });

  it('leaves a wrong entry in the list, for the caller to name (never drops it)', () => {
    expect(addresses('a@x.vn, nguyen van a, b@x')).toEqual(['a@x.vn', 'nguyen', 'van', 'a', 'b@x']);
    expect(addresses('a@x.vn, b@x')).toEqual(['a@x.vn', 'b@x']);
  });
});

describe('isEmailAddress', () => {
  it('answers as the pattern z.email() checks, on any text of the letters addresses are made of', () => {
    const letter = fc.constantFrom(...'aZ09_\'+-.@ đ,;<>"'.split(''));
    // Mostly letters an address may hold, so that shaped texts are often valid.
    const valid = fc.constantFrom(...'aZ09'.split(''));
    const piece = fc.string({
      unit: fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: letter, weight: 1 }),
      maxLength: 5,
    });
    // Shaped like an address (name@labels.tld), so both accept some; and any text.
    const shaped = fc
      .tuple(piece, fc.array(piece, { minLength: 1, maxLength: 3 }), piece)
      .map(([name, labels, tld]) => `${name}@${labels.join('.')}.${tld}`);
    fc.assert(
      fc.property(fc.oneof(shaped, fc.string({ unit: letter, maxLength: 24 })), (s) => {
        expect([s, EMAIL_PATTERN.test(s)]).toEqual([s, regexes.email.test(s)]);
      }),
      { numRuns: 10_000 },
    );
    expect(EMAIL_PATTERN.flags).toBe(regexes.email.flags);
  });

  it('accepts what the settings schema accepts, and nothing else', () => {
    const samples = [
      'a@x.vn',
      'ban.danvan@dienbien.gov.vn',
      'x+y@mail.example.com',
      'a@b.c',
      'a@xã.vn',
      'nguyễn@x.vn',
      'a@@x.vn',
      'a x@x.vn',
      '<a@x.vn>',
      'a@x',
      '',
      '.a@x.vn',
    ];
    for (const s of samples) {
      const schema = UnitSchema.safeParse({ code: 'x', name: 'X', kind: 'xã', emails: [s] }).success;
      expect([s, isEmailAddress(s)]).toEqual([s, schema]);
    }
    expect(samples.filter(isEmailAddress)).toEqual(['a@x.vn', 'ban.danvan@dienbien.gov.vn', 'x+y@mail.example.com']);
  });
});
