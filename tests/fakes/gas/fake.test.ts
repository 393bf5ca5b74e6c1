import vm from 'node:vm';
import { createGasFake, DEFAULT_LATENCY, GAS_ERRORS, type GasFake } from './index';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function setup(opts: Parameters<typeof createGasFake>[0] = {}) {
  const fake = createGasFake({ now: new Date('2018-10-05T09:30:00+07:00'), user: 'canbo@xa.vn', ...opts });
  const ss = fake.createSpreadsheet('Báo cáo', {
    active: true,
    sheets: [
      {
        name: 'Xã A',
        values: [
          ['Chỉ tiêu', 'Tháng 9'],
          ['Số hộ', 12],
          ['Ghi chú', ''],
        ],
      },
      { name: 'Trống' },
    ],
  });
  const { SpreadsheetApp } = fake.globals;
  return { fake, ss, SpreadsheetApp };
}

/** Runs fn and returns the thrown error (failing if nothing is thrown). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an exception');
}

describe('ranges and values', () => {
  test('ranges are 1-based and empty cells read as empty strings', () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Xã A') as Sheet;
    expect(sh.getRange(1, 1).getValue()).toBe('Chỉ tiêu');
    expect(sh.getRange(2, 2).getValue()).toBe(12);
    expect(sh.getRange('B2').getValue()).toBe(12);
    expect(sh.getRange(1, 1, 3, 3).getValues()).toEqual([
      ['Chỉ tiêu', 'Tháng 9', ''],
      ['Số hộ', 12, ''],
      ['Ghi chú', '', ''],
    ]);
    expect(sh.getRange('A1:C3').getA1Notation()).toBe('A1:C3');
    expect(sh.getRange(5, 4).getA1Notation()).toBe('D5');
  });

  test('getValues returns a deep copy', () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Xã A') as Sheet;
    const v = sh.getRange('A1:B2').getValues();
    v[0][0] = 'changed';
    expect(sh.getRange('A1').getValue()).toBe('Chỉ tiêu');
  });

  test('getLastRow/getLastColumn are 0 on an empty sheet; data range is A1', () => {
    const { ss } = setup();
    const empty = ss.getSheetByName('Trống') as Sheet;
    expect(empty.getLastRow()).toBe(0);
    expect(empty.getLastColumn()).toBe(0);
    expect(empty.getDataRange().getA1Notation()).toBe('A1');
    expect(empty.getMaxRows()).toBe(1000);
    expect(empty.getMaxColumns()).toBe(26);
    const a = ss.getSheetByName('Xã A') as Sheet;
    expect(a.getLastRow()).toBe(3);
    expect(a.getLastColumn()).toBe(2);
    expect(a.getDataRange().getA1Notation()).toBe('A1:B3');
  });

  test('setValues size mismatches throw Google’s messages', () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    const rows = thrown(() => sh.getRange(1, 1, 3, 2).setValues([[1, 2]]));
    expect(rows.message).toBe(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
    expect(String(rows)).toBe(`Exception: ${rows.message}`);
    const cols = thrown(() => sh.getRange(1, 1, 2, 2).setValues([[1, 2], [3]]));
    expect(cols.message).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    // Nothing was written by the failed calls.
    expect(sh.getLastRow()).toBe(0);
  });

  test('out-of-grid and too-small coordinates throw Google’s messages', () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    expect(thrown(() => sh.getRange(1001, 1)).message).toBe(GAS_ERRORS.outsideDimensions);
    expect(thrown(() => sh.getRange(1, 1, 1, 27)).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(() => sh.getRange('A999:A1001')).message).toBe(GAS_ERRORS.outsideDimensions);
    expect(thrown(() => sh.getRange(0, 1)).message).toBe('The starting row of the range is too small.');
    expect(thrown(() => sh.getRange(1, 0)).message).toBe('The starting column of the range is too small.');
    expect(thrown(() => sh.getRange(2, 1, 0, 1)).message).toBe('The number of rows in the range must be at least 1.');
  });

  test('appendRow and insertRows grow the grid; setValues does not', () => {
    const { ss } = setup();
    const sh = ss.insertSheet('Nhỏ');
    sh.deleteRows(3, 998);
    expect(sh.getMaxRows()).toBe(2);
    expect(thrown(() => sh.getRange(3, 1).setValue('x')).message).toBe(GAS_ERRORS.outsideDimensions);
    sh.appendRow(['a']);
    sh.appendRow(['b']);
    sh.appendRow(['c']);
    expect(sh.getMaxRows()).toBe(3);
    expect(sh.getRange('A1:A3').getValues()).toEqual([['a'], ['b'], ['c']]);
    sh.insertRowsAfter(3, 2);
    expect(sh.getMaxRows()).toBe(5);
    sh.insertRows(1);
    expect(sh.getRange('A1:A4').getValues()).toEqual([[''], ['a'], ['b'], ['c']]);
  });

  test("a '@' (plain text) cell keeps '=x' and numeric strings as text", () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    const text = sh.getRange('A1:C1').setNumberFormat('@');
    text.setValues([['=1+1', '007', '+84912345678']]);
    expect(text.getValues()).toEqual([['=1+1', '007', '+84912345678']]);
    expect(text.getFormulas()).toEqual([['', '', '']]);
    // Without '@' Sheets parses them.
    const plain = sh.getRange('A2:C2').setValues([['=1+1', '007', '+84912345678']]);
    expect(plain.getValues()).toEqual([[2, 7, 84912345678]]);
    expect(plain.getFormulas()).toEqual([['=1+1', '', '']]);
    expect(sh.getRange('A3').setValue("'007").getValue()).toBe('007');
  });

  test('simple formulas are evaluated; others read as empty but keep the formula', () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    sh.getRange('A1:A3').setValues([[1], [2], [3]]);
    sh.getRange('A4').setFormula('=SUM(A1:A3)');
    sh.getRange('B1').setValue('=VLOOKUP(1,A1:A3,1,FALSE)');
    expect(sh.getRange('A4').getValue()).toBe(6);
    sh.getRange('A1').setValue(10);
    expect(sh.getRange('A4').getValue()).toBe(15);
    expect(sh.getRange('B1').getValue()).toBe('');
    expect(sh.getRange('B1').getFormula()).toBe('=VLOOKUP(1,A1:A3,1,FALSE)');
    expect(sh.getRange('C1').setValue('=1/0').getValue()).toBe('#DIV/0!');
  });

  test('Date round trip, display values and number formats', () => {
    const { ss, fake } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    const d = new Date('2018-09-30T17:00:00Z'); // 2018-10-01 00:00 in Asia/Ho_Chi_Minh
    sh.getRange('A1').setValue(d);
    const back = sh.getRange('A1').getValue() as Date;
    expect(back).toBeInstanceOf(Date);
    expect(back.getTime()).toBe(d.getTime());
    expect(back).not.toBe(d);
    expect(sh.getRange('A1').getDisplayValue()).toBe('10/1/2018');
    sh.getRange('A1').setNumberFormat('dd/mm/yyyy');
    expect(sh.getRange('A1').getDisplayValue()).toBe('01/10/2018');
    sh.getRange('B1').setValue(1234.5).setNumberFormat('#,##0.00');
    expect(sh.getRange('B1').getDisplayValue()).toBe('1,234.50');
    expect(sh.getRange('C1').getNumberFormat()).toBe('0.###############');
    expect(sh.getRange('D1').setValue(true).getDisplayValues()).toEqual([['TRUE']]);
    const vi = fake.createSpreadsheet('vi', { locale: 'vi_VN' }).getSheets()[0];
    vi.getRange('A1').setValue(1234.5).setNumberFormat('#,##0.00');
    expect(vi.getRange('A1').getDisplayValue()).toBe('1.234,50');
  });

  test('merges, notes, formats, validation and protection are recorded', () => {
    const { ss, SpreadsheetApp } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    sh.getRange('A1').setValue('x');
    sh.getRange('B1').setValue('lost');
    sh.getRange('A1:C1').merge();
    expect(sh.getRange('B1').getValue()).toBe('');
    expect(
      sh
        .getRange('B1')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1:C1']);
    expect(thrown(() => sh.getRange('B1:D1').merge()).message).toBe(GAS_ERRORS.mergeMustSelectAll);
    sh.getRange('A2').setNote('n').setBackground('red').setFontWeight('bold');
    expect(sh.getRange('A2:B2').getNotes()).toEqual([['n', '']]);
    expect(sh.getRange('A2:B2').getBackgrounds()).toEqual([['#ff0000', '#ffffff']]);
    const rule = SpreadsheetApp.newDataValidation()
      .requireNumberBetween(0, 100)
      .setAllowInvalid(false)
      .setHelpText('0..100')
      .build();
    sh.getRange('A3:B3').setDataValidation(rule);
    const got = sh.getRange('B3').getDataValidation();
    expect(got?.getCriteriaType()).toBe(SpreadsheetApp.DataValidationCriteria.NUMBER_BETWEEN);
    expect(got?.getCriteriaValues()).toEqual([0, 100]);
    expect(got?.getAllowInvalid()).toBe(false);
    expect(got?.getHelpText()).toBe('0..100');
    expect(() => (SpreadsheetApp.newDataValidation() as any).requireWholeNumber()).toThrow(TypeError);
    const p = sh.protect().setDescription('khóa');
    p.removeEditors(['khac@xa.vn']);
    expect(sh.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    expect(p.canEdit()).toBe(true);
  });

  test('conditional format rules: a boolean condition or a colour scale, never both', () => {
    const { ss, SpreadsheetApp } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    const flag = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=A1>1')
      .setBackground('#F8CBAD')
      .setRanges([sh.getRange('A1:B2')])
      .build();
    const scale = SpreadsheetApp.newConditionalFormatRule()
      .setGradientMinpoint('#FFFFFF')
      .setGradientMaxpointWithValue('#57BB8A', SpreadsheetApp.InterpolationType.NUMBER, '100')
      .setRanges([sh.getRange('C1:C9')])
      .build();
    sh.setConditionalFormatRules([flag, scale]);
    const [a, b] = sh.getConditionalFormatRules();
    expect(a.getBooleanCondition()?.getCriteriaType()).toBe(SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA);
    expect(a.getBooleanCondition()?.getCriteriaValues()).toEqual(['=A1>1']);
    expect(a.getBooleanCondition()?.getBackground()).toBe('#f8cbad');
    expect(a.getGradientCondition()).toBeNull();
    expect(b.getBooleanCondition()).toBeNull();
    const g = b.getGradientCondition();
    expect([g?.getMinColor(), g?.getMinType(), g?.getMinValue()]).toEqual(['#ffffff', 'MIN', '']);
    expect([g?.getMaxColor(), g?.getMaxType(), g?.getMaxValue()]).toEqual(['#57bb8a', 'NUMBER', '100']);
    expect(g?.getMidType()).toBeNull();
    expect(b.getRanges().map((r) => r.getA1Notation())).toEqual(['C1:C9']);
    // The last condition set decides what the rule is.
    const back = b.copy().whenCellNotEmpty().build();
    expect([back.getGradientCondition(), String(back.getBooleanCondition()?.getCriteriaType())]).toEqual([
      null,
      'CELL_NOT_EMPTY',
    ]);
    expect(thrown(() => SpreadsheetApp.newConditionalFormatRule().build()).message).toBe(
      'Conditional format rule must have a condition.',
    );
  });

  test('sheets: duplicate names, rename, delete', () => {
    const { ss } = setup();
    expect(thrown(() => ss.insertSheet('Xã A')).message).toBe(
      'A sheet with the name "Xã A" already exists. Please enter another name.',
    );
    expect(thrown(() => ss.getSheetByName('Trống')?.setName('Xã A')).message).toBe(GAS_ERRORS.duplicateSheet('Xã A'));
    const s = ss.insertSheet('Mới', 0);
    expect(s.getIndex()).toBe(1);
    expect(ss.getActiveSheet().getName()).toBe('Mới');
    ss.deleteSheet(s);
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['Xã A', 'Trống']);
  });

  test('snapshot deep-copies values and formulas', () => {
    const { ss, fake } = setup();
    const before = fake.snapshot(ss);
    expect(before.sheets[0].values[1]).toEqual(['Số hộ', 12]);
    ss.getSheetByName('Xã A')?.getRange('B2').setValue('=1+2');
    const after = fake.snapshot(ss.getId());
    expect(after).not.toEqual(before);
    expect(after.sheets[0].formulas[1][1]).toBe('=1+2');
    expect(before.sheets[0].formulas[1][1]).toBe('');
  });
});

describe('SpreadsheetApp', () => {
  test('openById / openByUrl with access control and Google’s errors', () => {
    const { fake, ss, SpreadsheetApp } = setup();
    expect(SpreadsheetApp.openById(ss.getId()).getName()).toBe('Báo cáo');
    expect(SpreadsheetApp.openByUrl(ss.getUrl()).getId()).toBe(ss.getId());
    expect(ss.getId()).toMatch(/^[\w-]{44}$/);
    expect(thrown(() => SpreadsheetApp.openById('nope')).message).toBe(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
    const other = fake.createSpreadsheet('Khác', { owner: 'khac@xa.vn' });
    expect(thrown(() => SpreadsheetApp.openById(other.getId())).message).toBe(
      'You do not have permission to access the requested document.',
    );
    const shared = fake.createSpreadsheet('Chia sẻ', { owner: 'khac@xa.vn', editors: ['canbo@xa.vn'] });
    expect(
      SpreadsheetApp.openById(shared.getId())
        .getEditors()
        .map((u) => u.getEmail()),
    ).toEqual(['khac@xa.vn', 'canbo@xa.vn']);
  });

  test('the same API objects are returned and unwrap across calls', () => {
    const { ss, SpreadsheetApp } = setup();
    expect(SpreadsheetApp.getActiveSpreadsheet()).toBe(ss);
    const sh = ss.getSheets()[1];
    ss.setActiveSheet(sh);
    expect(ss.getActiveSheet()).toBe(sh);
    expect(sh.getParent()).toBe(ss);
    expect((sh as any)._rows).toBeUndefined();
  });

  test('getUi is unavailable in a no-UI context', () => {
    const { fake, SpreadsheetApp } = setup();
    fake.setUiAvailable(false);
    expect(thrown(() => SpreadsheetApp.getUi()).message).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });
});

describe('call counting, latency, faults', () => {
  test('every service method call is counted by Class.method', () => {
    const { fake, ss, SpreadsheetApp } = setup();
    const id = ss.getId();
    expect(fake.calls.byMethod['Spreadsheet.getId']).toBe(1); // test code's calls count too
    fake.resetCalls();
    const opened = SpreadsheetApp.openById(id);
    const sh = opened.getSheetByName('Xã A') as Sheet;
    sh.getRange(1, 1, 3, 2).getValues();
    sh.getRange('A5').setValues([[1]]);
    sh.getLastRow();
    expect(fake.calls.byMethod).toEqual({
      'SpreadsheetApp.openById': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 2,
      'Range.getValues': 1,
      'Range.setValues': 1,
      'Sheet.getLastRow': 1,
    });
    expect(fake.calls.total).toBe(7);
    expect(fake.calls.count('getRange')).toBe(2);
    fake.resetCalls();
    expect(fake.calls.total).toBe(0);
  });

  test('latency is modelled per call and fetchAll by concurrency', () => {
    const fake = createGasFake({ latency: 'default' });
    const ss = fake.createSpreadsheet('x');
    const id = ss.getId();
    const start = fake.clock.now().getTime();
    fake.resetStats();
    const { SpreadsheetApp, UrlFetchApp } = fake.globals;
    const sh = SpreadsheetApp.openById(id).getSheets()[0];
    sh.getRange('A1').getValues();
    expect(fake.modelledMs).toBe(DEFAULT_LATENCY.openById! + 2 * DEFAULT_LATENCY.other! + DEFAULT_LATENCY.getValues!);
    expect(fake.clock.now().getTime() - start).toBe(fake.modelledMs);
    fake.http.handler = () => ({ status: 200, body: 'ok' });
    fake.resetModelledMs();
    UrlFetchApp.fetchAll(Array.from({ length: 25 }, (_, i) => `https://example.com/${i}`));
    expect(fake.modelledMs).toBe(3 * 400);
  });

  test('fault injection by method, predicate and n-th call', () => {
    const { fake, ss, SpreadsheetApp } = setup();
    fake.faults.add({
      method: 'SpreadsheetApp.openById',
      when: (args) => args[0] === 'slow',
      error: GAS_ERRORS.timedOut('slow'),
      times: 1,
    });
    expect(thrown(() => SpreadsheetApp.openById('slow')).message).toBe(
      'Service Spreadsheets timed out while accessing document with id slow.',
    );
    // times: 1 → disarmed; now the normal not-found error.
    expect(thrown(() => SpreadsheetApp.openById('slow')).message).toBe(GAS_ERRORS.notFound('openById'));

    const sh = ss.getSheetByName('Trống') as Sheet;
    fake.faults.afterCalls(3, 'Range.setValues', 'Service error: Spreadsheets');
    sh.getRange('A1').setValues([[1]]);
    sh.getRange('A2').setValues([[2]]);
    expect(() => sh.getRange('A3').setValues([[3]])).toThrow('Service error: Spreadsheets');
    sh.getRange('A4').setValues([[4]]);
    expect(sh.getRange('A1:A4').getValues()).toEqual([[1], [2], [''], [4]]);
  });
});

describe('mail', () => {
  test('records messages in both signatures and charges recipients', () => {
    const fake = createGasFake({ mailQuota: 5 });
    const { MailApp, Utilities } = fake.globals;
    MailApp.sendEmail('a@x.vn', 'Chào', 'Nội dung');
    MailApp.sendEmail({
      to: 'b@x.vn, c@x.vn',
      cc: 'd@x.vn',
      subject: 'Báo cáo',
      body: 'x',
      htmlBody: '<b>x</b>',
      name: 'Huyện',
      attachments: [Utilities.newBlob('a,b\n1,2', 'text/csv', 'bc.csv')],
    });
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
    expect(fake.mail.sent).toHaveLength(2);
    expect(fake.mail.sent[1]).toMatchObject({
      to: 'b@x.vn, c@x.vn',
      toList: ['b@x.vn', 'c@x.vn'],
      ccList: ['d@x.vn'],
      htmlBody: '<b>x</b>',
      name: 'Huyện',
    });
    expect(fake.mail.sent[1].attachments[0]).toMatchObject({
      name: 'bc.csv',
      contentType: 'text/csv',
      text: 'a,b\n1,2',
    });
    // (to, replyTo, subject, body) overload
    MailApp.sendEmail('e@x.vn', 'reply@x.vn', 'Tiêu đề', 'Thân');
    expect(fake.mail.sent[2]).toMatchObject({
      to: 'e@x.vn',
      replyTo: 'reply@x.vn',
      subject: 'Tiêu đề',
      body: 'Thân',
    });
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(thrown(() => MailApp.sendEmail('not-an-address', 's', 'b')).message).toBe('Invalid email: not-an-address');
  });

  test('quota exhaustion and per-message recipient limit', () => {
    const fake = createGasFake({ mailQuota: 2 });
    const { MailApp } = fake.globals;
    MailApp.sendEmail('a@x.vn, b@x.vn', 's', 'b');
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(thrown(() => MailApp.sendEmail('c@x.vn', 's', 'b')).message).toBe(
      'Service invoked too many times for one day: email.',
    );
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@x.vn`).join(',');
    const big = createGasFake({ mailQuota: 1000 });
    expect(() => big.globals.MailApp.sendEmail(many, 's', 'b')).toThrow(GAS_ERRORS.mailTooManyRecipients);
    expect(big.globals.MailApp.getRemainingDailyQuota()).toBe(1000);
  });
});

describe('triggers', () => {
  test('builders record schedules; 21st trigger fails; delete works', () => {
    const fake = createGasFake();
    const { ScriptApp } = fake.globals;
    const t = ScriptApp.newTrigger('nhacNho')
      .timeBased()
      .onMonthDay(5)
      .atHour(8)
      .inTimezone('Asia/Ho_Chi_Minh')
      .create();
    expect(t.getHandlerFunction()).toBe('nhacNho');
    expect(t.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(fake.triggers[0].schedule).toEqual({ onMonthDay: 5, atHour: 8, timezone: 'Asia/Ho_Chi_Minh' });
    const ss = fake.createSpreadsheet('x');
    ScriptApp.newTrigger('onOpenX').forSpreadsheet(ss).onOpen().create();
    for (let i = 0; i < 18; i++) ScriptApp.newTrigger(`f${i}`).timeBased().after(60000).create();
    expect(ScriptApp.getProjectTriggers()).toHaveLength(20);
    expect(thrown(() => ScriptApp.newTrigger('one').timeBased().everyDays(1).create()).message).toBe(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    expect(ScriptApp.getProjectTriggers().map((x) => x.getUniqueId())).not.toContain(t.getUniqueId());
    ScriptApp.newTrigger('one').timeBased().everyDays(1).create();
    expect(ScriptApp.getOAuthToken()).toBe('fake-token');
  });

  test('fireTrigger runs clock handlers without UI', () => {
    const fake = createGasFake();
    const { ScriptApp, SpreadsheetApp } = fake.globals;
    const t = ScriptApp.newTrigger('job').timeBased().everyDays(1).create();
    let err = '';
    fake.fireTrigger(t.getUniqueId(), {
      job: () => {
        try {
          SpreadsheetApp.getUi();
        } catch (e) {
          err = (e as Error).message;
        }
      },
    });
    expect(err).toBe(GAS_ERRORS.uiContext);
  });
});

describe('locks', () => {
  test('tryLock/waitLock against another execution', () => {
    const { fake } = setup();
    const { LockService } = fake.globals;
    const release = fake.locks.holdDocumentLock();
    const lock = LockService.getDocumentLock();
    const t0 = fake.clock.now().getTime();
    expect(lock.tryLock(1000)).toBe(false);
    expect(fake.clock.now().getTime() - t0).toBe(1000);
    expect(lock.hasLock()).toBe(false);
    expect(thrown(() => lock.waitLock(500)).message).toBe(
      'Lock timeout: another process was holding the lock for too long.',
    );
    release();
    expect(lock.tryLock(0)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    fake.locks.holdScriptLock({ releaseAfterMs: 3000 });
    const sl = LockService.getScriptLock();
    expect(sl.tryLock(2000)).toBe(false);
    expect(sl.tryLock(2000)).toBe(true); // 2000 already waited, released at 3000
  });

  test('no document lock or document properties without an active document', () => {
    const fake = createGasFake();
    expect(fake.globals.LockService.getDocumentLock()).toBeNull();
    expect(fake.globals.PropertiesService.getDocumentProperties()).toBeNull();
  });
});

describe('properties', () => {
  test('string values, copies, and Google’s limits', () => {
    const { fake } = setup();
    const { PropertiesService } = fake.globals;
    const p = PropertiesService.getScriptProperties();
    p.setProperty('n', 5 as unknown as string);
    expect(p.getProperty('n')).toBe('5');
    expect(p.getProperty('missing')).toBeNull();
    const all = p.getProperties();
    all.n = 'changed';
    expect(p.getProperty('n')).toBe('5');
    expect(thrown(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).message).toBe(GAS_ERRORS.propertyValueTooLarge);
    const chunk = 'y'.repeat(9000);
    expect(() => {
      for (let i = 0; i < 60; i++) p.setProperty(`k${i}`, chunk);
    }).toThrow(GAS_ERRORS.propertyStoreFull);
    expect(p.getKeys().length).toBeLessThan(60);
    PropertiesService.getDocumentProperties().setProperty('d', '1');
    PropertiesService.getUserProperties().setProperty('u', '2');
    expect(fake.properties.document()).toEqual({ d: '1' });
    expect(fake.properties.user('canbo@xa.vn')).toEqual({ u: '2' });
  });
});

describe('Utilities, Session, clock', () => {
  test('formatDate uses the time zone; sleep advances the fake clock', () => {
    const { fake } = setup();
    const { Utilities, Session } = fake.globals;
    expect(Session.getScriptTimeZone()).toBe('Asia/Ho_Chi_Minh');
    expect(Session.getActiveUser().getEmail()).toBe('canbo@xa.vn');
    const now = fake.clock.now();
    expect(Utilities.formatDate(now, 'Asia/Ho_Chi_Minh', 'yyyy-MM-dd HH:mm:ss')).toBe('2018-10-05 09:30:00');
    expect(Utilities.formatDate(now, 'UTC', "dd/MM/yyyy 'lúc' HH:mm")).toBe('05/10/2018 lúc 02:30');
    Utilities.sleep(90_000);
    expect(Utilities.formatDate(fake.clock.now(), 'Asia/Ho_Chi_Minh', 'HH:mm')).toBe('09:31');
    fake.clock.set(new Date('2019-01-01T00:00:00Z'));
    expect(new fake.FakeDate().toISOString()).toBe('2019-01-01T00:00:00.000Z');
    expect(fake.FakeDate.now()).toBe(Date.UTC(2019, 0, 1));
  });

  test('blobs and digests', () => {
    const { Utilities } = createGasFake().globals;
    const b = Utilities.newBlob('Xã', 'text/plain', 'a.txt');
    expect(b.getDataAsString()).toBe('Xã');
    expect(b.getBytes()).toEqual([88, -61, -93]);
    expect(b.setName('b.txt').getName()).toBe('b.txt');
    const md5 = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc');
    expect(md5.slice(0, 3)).toEqual([-112, 1, 80]);
  });
});

describe('UI, HTML, UrlFetch', () => {
  test('menus, alerts, prompts, sidebars and toasts are recorded', () => {
    const { fake, ss } = setup();
    const ui = fake.globals.SpreadsheetApp.getUi();
    ui.createMenu('Tổng hợp')
      .addItem('Chạy', 'run')
      .addSeparator()
      .addSubMenu(ui.createMenu('Thêm').addItem('Cài đặt', 'setup'))
      .addToUi();
    expect(fake.ui.menus).toEqual([
      {
        title: 'Tổng hợp',
        items: [
          { caption: 'Chạy', functionName: 'run' },
          'separator',
          { title: 'Thêm', items: [{ caption: 'Cài đặt', functionName: 'setup' }] },
        ],
      },
    ]);
    fake.ui.queueAlertResponse('YES');
    expect(ui.alert('Xác nhận', 'Chạy?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(ui.alert('Xong')).toBe(ui.Button.OK);
    fake.ui.queuePromptResponse({ button: 'OK', text: '2018-09' });
    const r = ui.prompt('Tháng?', ui.ButtonSet.OK_CANCEL);
    expect([r.getSelectedButton(), r.getResponseText()]).toEqual(['OK', '2018-09']);
    expect(fake.ui.alerts.map((a) => a.response)).toEqual(['YES', 'OK']);
    fake.html.files.Sidebar = '<h1>Hi</h1>';
    ui.showSidebar(fake.globals.HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Tổng hợp'));
    expect(fake.ui.shown).toEqual([
      { kind: 'sidebar', title: 'Tổng hợp', html: '<h1>Hi</h1>', width: null, height: null },
    ]);
    ss.toast('Đã xong', 'Tổng hợp', 5);
    expect(fake.toasts).toEqual([{ msg: 'Đã xong', title: 'Tổng hợp' }]);
    expect([fake.toasts[0].timeout, fake.toasts[0].spreadsheetId]).toEqual([5, ss.getId()]);
  });

  test('templates escape <?= ?>, keep <?!= ?> raw, reject <? ?>', () => {
    const { HtmlService } = createGasFake().globals;
    const t = HtmlService.createTemplate('<p><?= name ?></p><?!= raw ?>');
    (t as any).name = '<Xã & B>';
    (t as any).raw = '<i>ok</i>';
    expect(t.evaluate().getContent()).toBe('<p>&lt;Xã &amp; B&gt;</p><i>ok</i>');
    expect(() => HtmlService.createTemplate('<? for(;;){} ?>').evaluate()).toThrow(/not supported/);
    expect(thrown(() => HtmlService.createHtmlOutputFromFile('Missing')).message).toBe(
      'No HTML file named Missing was found.',
    );
  });

  test('UrlFetchApp routes to the handler; non-muted errors throw', () => {
    const fake = createGasFake();
    const { UrlFetchApp } = fake.globals;
    fake.http.handler = (req) =>
      req.url.endsWith('/busy')
        ? { status: 429, body: 'slow down' }
        : { status: 200, body: { ok: true }, headers: { 'Content-Type': 'application/json' } };
    const ok = UrlFetchApp.fetch('https://api.example.com/x', { method: 'post', payload: { a: 1 } });
    expect(ok.getResponseCode()).toBe(200);
    expect(JSON.parse(ok.getContentText())).toEqual({ ok: true });
    expect(fake.http.requests[0]).toMatchObject({
      method: 'POST',
      payload: 'a=1',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(thrown(() => UrlFetchApp.fetch('https://api.example.com/busy')).message).toMatch(
      /^Request failed for https:\/\/api\.example\.com returned code 429/,
    );
    expect(UrlFetchApp.fetch('https://api.example.com/busy', { muteHttpExceptions: true }).getResponseCode()).toBe(429);
  });
});

describe('install and vm', () => {
  test('install/uninstall on a target and run code in a vm context', () => {
    const fake: GasFake = createGasFake({ now: new Date('2020-02-02T00:00:00Z') });
    const target: Record<string, unknown> = { SpreadsheetApp: 'old' };
    fake.install(target);
    expect(target.SpreadsheetApp).toBe(fake.globals.SpreadsheetApp);
    fake.uninstall();
    expect(target.SpreadsheetApp).toBe('old');
    expect('MailApp' in target).toBe(false);

    const ss = fake.createSpreadsheet('vm', { active: true });
    const ctx = fake.createVmContext();
    vm.runInContext(
      `var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
       sh.getRange(1, 1, 1, 2).setValues([[new Date().getTime(), Session.getScriptTimeZone()]]);
       Logger.log('wrote %s', 2);`,
      ctx,
    );
    expect(ss.getSheets()[0].getRange('A1:B1').getValues()).toEqual([[Date.UTC(2020, 1, 2), 'Asia/Ho_Chi_Minh']]);
    expect(fake.logs.map((l) => l.message)).toEqual(['wrote 2']);
    // Dates read back inside the vm pass `instanceof Date` there.
    const isDate = vm.runInContext(
      `var r = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('C1');
       r.setValue(new Date()); r.getValue() instanceof Date`,
      ctx,
    );
    expect(isDate).toBe(true);
  });
});
