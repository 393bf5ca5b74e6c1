/**
 * src/gas/errors.ts: Google's error texts explained in Vietnamese (one place), the original
 * kept for "Nhật ký", and retries of transient failures with Utilities.sleep back-off.
 */
import {
  explainError,
  explainRetried,
  logText,
  RETRY_DELAYS_MS,
  RetryBudget,
  userText,
  withRetry,
} from '../../src/gas/errors';
import { createGasFake, GAS_ERRORS, GasError, type GasFake } from '../fakes/gas';

const err = (message: string) => new GasError(message);

describe('explainError', () => {
  const cases: [string, string, RegExp][] = [
    [GAS_ERRORS.noPermission, 'permission', /không có quyền mở bảng tính/],
    [
      'You do not have permission to call SpreadsheetApp.openById',
      'authorisation',
      /chưa được cấp quyền dùng SpreadsheetApp\.openById/,
    ],
    [GAS_ERRORS.notFound('openById'), 'notFound', /bảng tính đã bị xóa hoặc đường dẫn sai/],
    ['Invalid argument: url', 'notFound', /bảng tính đã bị xóa hoặc đường dẫn sai/],
    ["Document 1AbC is missing (perhaps it was deleted, or you don't have read access?)", 'notFound', /đã bị xóa/],
    [GAS_ERRORS.timedOut('1AbC'), 'timeout', /^Google Sheets phản hồi quá lâu/],
    ['Service Spreadsheets failed while accessing document with id 1AbC.', 'serviceFailed', /tạm thời gặp lỗi/],
    ["We're sorry, a server error occurred. Please wait a bit and try again.", 'serviceFailed', /tạm thời gặp lỗi/],
    ['Service invoked too many times in a short time: exec qps.', 'tooFast', /quá dày/],
    [GAS_ERRORS.mailQuota, 'mailQuota', /hết hạn mức gửi thư trong ngày/],
    ['Service invoked too many times for one day: urlfetch.', 'dailyQuota', /hạn mức .* "urlfetch"/],
    [GAS_ERRORS.mailTooManyRecipients, 'tooManyRecipients', /tối đa 50 người nhận/],
    [GAS_ERRORS.invalidEmail('abc@'), 'invalidEmail', /địa chỉ e-mail không hợp lệ: abc@/],
    [GAS_ERRORS.lockTimeout, 'lockTimeout', /một người khác đang chạy/],
    ['Exceeded maximum execution time', 'timeLimit', /6 phút/],
    [GAS_ERRORS.tooManyTriggers, 'tooManyTriggers', /trình kích hoạt/],
    [GAS_ERRORS.cellTooLong, 'cellTooLong', /50\.000 ký tự/],
    [GAS_ERRORS.propertyStoreFull, 'propertiesFull', /bộ nhớ cài đặt/],
    // Google's documented texts seen in a 45-commune run (a rate limit, a quota, a network failure).
    ['Too many simultaneous invocations: Spreadsheets', 'tooFast', /quá dày/],
    ['Script exceeded quota: URL Fetch calls', 'runQuota', /hết hạn mức của Google \("URL Fetch calls"\).*ngày mai/],
    ['Service using too much computer time for one day', 'runQuota', /thời gian chạy trong ngày/],
    ['Address unavailable: https://sheets.googleapis.com/v4/x', 'serviceFailed', /tạm thời gặp lỗi/],
    ['Server not available.', 'serviceFailed', /tạm thời gặp lỗi/],
  ];

  it.each(cases)('%s → %s', (message, kind, text) => {
    const x = explainError(err(message));
    expect(x.kind).toBe(kind);
    expect(x.text).toMatch(text);
    expect(x.text).not.toContain(message); // Google's sentence is not shown to the user
    expect(x.original).toBe(message);
  });

  it('only time-outs, server errors and rate limits are transient', () => {
    const transient = cases.filter(([m]) => explainError(err(m)).transient).map(([, k]) => k);
    expect(new Set(transient)).toEqual(new Set(['timeout', 'serviceFailed', 'tooFast']));
    expect(explainError(err('Too many simultaneous invocations: Spreadsheets')).transient).toBe(true);
    expect(explainError(err('Address unavailable')).transient).toBe(true);
    expect(explainError(err('Script exceeded quota: URL Fetch calls')).transient).toBe(false);
  });

  it('names the unit and the account where the fix is to share the spreadsheet', () => {
    const x = explainError(err(GAS_ERRORS.noPermission), { unit: 'Xã Chung Chải', user: 'a@b.vn' });
    expect(x.text).toBe(
      'tài khoản đang chạy (a@b.vn) không có quyền mở bảng tính của Xã Chung Chải — ' +
        'hãy nhờ Xã Chung Chải chia sẻ lại bảng tính (quyền xem trở lên) cho tài khoản này',
    );
  });

  it('points a spreadsheet not found at the cell holding its URL: "Đơn vị" by default, "Đơn vị cũ" for an old commune', () => {
    const notFound = err(GAS_ERRORS.notFound('openByUrl'));
    expect(userText(notFound)).toBe(
      'bảng tính đã bị xóa hoặc đường dẫn sai — hãy kiểm tra cột "Bảng tính (URL)" ở trang "Đơn vị"',
    );
    expect(userText(notFound, { urlAt: { sheet: 'Đơn vị cũ', cell: 'D3' } })).toBe(
      'bảng tính đã bị xóa hoặc đường dẫn sai — hãy kiểm tra ô D3 (cột "Bảng tính (URL)") ở trang "Đơn vị cũ"',
    );
    expect(userText(notFound, { urlAt: { sheet: 'Đơn vị cũ' } })).toBe(
      'bảng tính đã bị xóa hoặc đường dẫn sai — hãy kiểm tra cột "Bảng tính (URL)" ở trang "Đơn vị cũ"',
    );
  });

  it('passes through Vietnamese texts it does not know (our own errors, Google in the account language)', () => {
    for (const m of ['Không tìm thấy bảng tính đang mở.', 'Bạn không có quyền truy cập vào tài liệu được yêu cầu.']) {
      expect(userText(new Error(m))).toBe(m);
      expect(logText(new Error(m))).toBe(m);
    }
  });

  it('never shows an English text it does not know: a generic Vietnamese sentence, the original only in "Nhật ký"', () => {
    const generic = /^Lỗi không xác định của Google\/Apps Script — hãy thử lại; nếu vẫn lỗi hãy báo quản trị/;
    for (const m of ['Exception: Something new', 'plain string']) {
      const x = explainError(m.startsWith('Exception') ? new Error(m) : m);
      expect(x.kind).toBe('other');
      expect(x.transient).toBe(false);
      expect(x.text).toMatch(generic);
      expect(x.text).not.toContain(x.original);
    }
    expect(logText(new Error('Exception: Something new'))).toMatch(/ \[Google: Something new\]$/);
  });

  it('a JavaScript error (TypeError…) is a defect of the script: Vietnamese for the user, its text logged', () => {
    const e = new TypeError("Cannot read properties of undefined (reading 'code')");
    const x = explainError(e);
    expect(x.kind).toBe('scriptBug');
    expect(x.transient).toBe(false);
    expect(x.text).toMatch(/^Lỗi trong tập lệnh Dân vận — hãy thử lại; nếu vẫn lỗi hãy báo quản trị/);
    expect(logText(e)).toContain("[Google: Cannot read properties of undefined (reading 'code')]");
  });

  it("logText keeps Google's original for IT staff", () => {
    expect(logText(err(GAS_ERRORS.mailQuota))).toBe(
      `${userText(err(GAS_ERRORS.mailQuota))} [Google: ${GAS_ERRORS.mailQuota}]`,
    );
  });
});

describe('withRetry', () => {
  let fake: GasFake;
  beforeEach(() => {
    fake = createGasFake({ now: new Date('2018-10-05T09:00:00+07:00') });
    fake.install(globalThis);
  });
  afterEach(() => fake.uninstall());

  it('tries a time-out again after sleeping, and returns the result', () => {
    let n = 0;
    const t0 = fake.clock.now().getTime();
    const r = withRetry(() => {
      n++;
      if (n < 3) throw err(GAS_ERRORS.timedOut('x'));
      return 'ok';
    });
    expect(r).toBe('ok');
    expect(n).toBe(3);
    expect(fake.calls.count('Utilities.sleep')).toBe(2);
    expect(fake.clock.now().getTime() - t0).toBe(RETRY_DELAYS_MS[0] + RETRY_DELAYS_MS[1]);
  });

  it('gives up after the last delay and says how many tries', () => {
    let n = 0;
    let caught: unknown;
    try {
      withRetry(() => {
        n++;
        throw err(GAS_ERRORS.timedOut('x'));
      });
    } catch (e) {
      caught = e;
    }
    expect(n).toBe(RETRY_DELAYS_MS.length + 1);
    expect(explainRetried(caught).text).toMatch(/quá lâu.*\(đã thử 3 lần\)$/);
    expect(explainRetried(caught).original).toBe(GAS_ERRORS.timedOut('x'));
  });

  it('does not retry what will not pass by itself (no permission)', () => {
    let n = 0;
    expect(() =>
      withRetry(() => {
        n++;
        throw err(GAS_ERRORS.noPermission);
      }),
    ).toThrow(GAS_ERRORS.noPermission);
    expect(n).toBe(1);
    expect(fake.calls.count('Utilities.sleep')).toBe(0);
  });

  it('shares one sleep budget across a run, so an outage cannot eat the 6 minutes', () => {
    const budget = new RetryBudget(RETRY_DELAYS_MS[0] + RETRY_DELAYS_MS[1] + RETRY_DELAYS_MS[0]);
    let tries = 0;
    for (let unit = 0; unit < 5; unit++) {
      try {
        withRetry(
          () => {
            tries++;
            throw err(GAS_ERRORS.timedOut('x'));
          },
          { budget },
        );
      } catch {
        // reported per unit
      }
    }
    // Unit 1: 3 tries (2 sleeps); unit 2: 2 tries (1 sleep, then the budget is too small); then 1 each.
    expect(tries).toBe(3 + 2 + 1 + 1 + 1);
    expect(fake.calls.count('Utilities.sleep')).toBe(3);
  });
});
