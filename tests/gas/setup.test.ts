import { defaultCatalogue, defaultSettings, defaultUnits } from '../../src/engine/catalogue/defaults';
import { LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { readConfig } from '../../src/gas/config';
import * as main from '../../src/gas/main';
import { SETTING_LABELS, SETUP, SHEETS, UNITS_HEADER } from '../../src/messages/vi/gas';
import {
  ADMIN,
  createEnv,
  type Env,
  lastAlert,
  runSetup,
  runTemplates,
  seedUnitSheet,
  setSetting,
  unitSheet,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function sheet(env: Env, name: string): Sheet {
  return env.master.getSheetByName(name) as Sheet;
}

function settingRow(key: keyof typeof SETTING_LABELS): number {
  return Object.keys(SETTING_LABELS).indexOf(key) + 2;
}

describe('Thiết lập', () => {
  let env: Env;
  beforeEach(() => {
    env = createEnv();
  });
  afterEach(() => env.dispose());

  test('creates the four configuration sheets; reading them back gives the engine defaults', () => {
    runSetup();
    for (const name of [SHEETS.settings, SHEETS.units, SHEETS.indicators, SHEETS.rules])
      expect(sheet(env, name)).not.toBeNull();
    const r = readConfig(env.master);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.config.settings).toEqual(defaultSettings());
    expect(r.config.units).toEqual(defaultUnits());
    expect(r.config.catalogue).toEqual(defaultCatalogue());
    expect(r.config.options).toEqual({ admins: [ADMIN], separateSpreadsheets: false });
    expect(lastAlert(env)).toContain('Đã tạo trang: Cài đặt, Đơn vị, Chỉ tiêu, Quy tắc, Ngày nghỉ.');
    expect(lastAlert(env)).toContain('không có lỗi');
    // Numeric settings are numbers in the sheet (as the e-mail sidebar writes them), text stays text.
    const settings = sheet(env, SHEETS.settings);
    expect(settings.getRange(settingRow('cutoffDay'), 2).getValue()).toBe(defaultSettings().cutoffDay);
    expect(settings.getRange(settingRow('sendDay'), 2).getValue()).toBe(defaultSettings().sendDay);
    expect(typeof settings.getRange(settingRow('aggregatingUnitName'), 2).getValue()).toBe('string');
  });

  test('never overwrites existing sheets', () => {
    runSetup();
    setSetting(env.master, 'aggregatingUnitName', 'Nậm Pồ');
    sheet(env, SHEETS.rules).getRange('F2').setValue('Thông báo đã sửa');
    env.master.deleteSheet(sheet(env, SHEETS.indicators));
    runSetup();
    expect(lastAlert(env)).toContain('Đã tạo trang: Chỉ tiêu.');
    expect(lastAlert(env)).toContain('Giữ nguyên trang đã có: Cài đặt, Đơn vị, Quy tắc, Ngày nghỉ.');
    const r = readConfig(env.master);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.config.settings.aggregatingUnitName).toBe('Nậm Pồ');
    expect(r.config.catalogue.rules[0].message).toBe('Thông báo đã sửa');
  });

  test('a configuration sheet renamed by hand is not replaced by the sample one; the alert says which to rename back', () => {
    runSetup();
    expect(lastAlert(env)).toContain(SETUP.sampleUnits(defaultUnits().length));
    const units = sheet(env, SHEETS.units);
    units.getRange('A2:C2').setValues([['xa-moi', 'Xã Mới', 'xã']]);
    units.setName('Danh sách xã');
    sheet(env, SHEETS.settings).setName('Cài đặt cũ');
    const before = env.master.getSheets().length;
    runSetup();
    expect(env.master.getSheets()).toHaveLength(before);
    expect(env.master.getSheetByName(SHEETS.units)).toBeNull();
    expect(lastAlert(env)).toContain(SETUP.renamed(SHEETS.units, 'Danh sách xã'));
    expect(lastAlert(env)).toContain(SETUP.renamed(SHEETS.settings, 'Cài đặt cũ'));
    expect(lastAlert(env)).not.toContain(SETUP.sampleUnits(defaultUnits().length));
    // Renamed back, the user's list is the one read.
    units.setName(SHEETS.units);
    sheet(env, 'Cài đặt cũ').setName(SHEETS.settings);
    runSetup();
    const r = readConfig(env.master);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.config.units[0].code).toBe('xa-moi');
  });

  test('a renamed unit list with only its first columns ("Mã | Tên | Loại") is recognised too', () => {
    runSetup();
    const own = env.master.insertSheet('Danh sách xã');
    own.getRange(1, 1, 2, 3).setValues([
      ['Mã', 'Tên', 'Loại'],
      ['xa-khac', 'Xã Khác', 'xã'],
    ]);
    env.master.deleteSheet(sheet(env, SHEETS.units));
    runSetup();
    expect(env.master.getSheetByName(SHEETS.units)).toBeNull();
    expect(lastAlert(env)).toContain(SETUP.renamed(SHEETS.units, 'Danh sách xã'));
    expect(lastAlert(env)).not.toContain('không có lỗi');
  });

  test('text typed into the sheets stays text (no formula, no number)', () => {
    runSetup();
    setSetting(env.master, 'organisation', '=IMPORTRANGE("x","y")');
    setSetting(env.master, 'aggregatingUnitName', '007');
    const r = readConfig(env.master);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.config.settings.organisation).toBe('=IMPORTRANGE("x","y")');
    expect(r.config.settings.aggregatingUnitName).toBe('007');
  });

  test('accepts Vietnamese yes/no words, comma-separated e-mails and NFD text', () => {
    runSetup();
    setSetting(env.master, 'submitWorkingDays', 'Không');
    setSetting(env.master, 'recipients', 'a@x.vn; b@x.vn, c@x.vn');
    setSetting(env.master, 'separateSpreadsheets', 'có');
    const s = sheet(env, SHEETS.settings);
    s.getRange(settingRow('level'), 1).setValue('Cấp tổng hợp'.normalize('NFD'));
    const r = readConfig(env.master);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.config.settings.submitWorkingDays).toBe(false);
    expect(r.config.settings.recipients).toEqual(['a@x.vn', 'b@x.vn', 'c@x.vn']);
    expect(r.config.options.separateSpreadsheets).toBe(true);
  });

  test('texts typed on a Mac (NFD) are read in NFC: labels, names, rule messages, settings', () => {
    runSetup();
    const nfd = (t: string) => t.normalize('NFD');
    sheet(env, SHEETS.indicators)
      .getRange('D2')
      .setValue(`${nfd('Mô hình đăng ký')} `);
    sheet(env, SHEETS.units).getRange('B2').setValue(nfd('Chung Chải'));
    sheet(env, SHEETS.rules).getRange('F2').setValue(nfd('Tổng số đơn theo loại'));
    setSetting(env.master, 'aggregatingUnitName', nfd('Mường Nhé'));
    const r = readConfig(env.master);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.config.catalogue.indicators[0].label).toBe('Mô hình đăng ký');
    expect(r.config.units[0].name).toBe('Chung Chải');
    expect(r.config.catalogue.rules[0].message).toBe('Tổng số đơn theo loại');
    expect(r.config.settings.aggregatingUnitName).toBe('Mường Nhé');
  });

  describe('mistakes are reported in Vietnamese with the sheet and the cell', () => {
    beforeEach(() => runSetup());
    /** The first commune submits September (its date cleared first); the district aggregates it: all 11 counted. */
    function submitAndAggregate(): void {
      const s = unitSheet(env, env.units[0]) as Sheet;
      s.getRange(LAYOUT.submittedRow, monthCol(9)).setValue('');
      env.master.setActiveSheet(s);
      env.fake.ui.queuePromptResponse({ text: '9' });
      expect(main.submitMonth()?.ok).toBe(true);
      env.fake.ui.queuePromptResponse({ text: '9/2018' });
      expect(main.aggregateReports()?.summary.completeness.reported).toBe(11);
    }

    const errorsOf = () => {
      const r = readConfig(env.master);
      if (r.ok) throw new Error('expected errors');
      return r.errors;
    };

    test('settings: not a number, out of range, not yes/no', () => {
      setSetting(env.master, 'cutoffDay', 'mười lăm');
      setSetting(env.master, 'submitDays', '99');
      setSetting(env.master, 'reminders', 'hay');
      const errors = errorsOf();
      expect(errors).toContain(`Trang "Cài đặt", ô B${settingRow('cutoffDay')} (Ngày chốt số liệu): phải là số`);
      expect(errors).toContain(
        `Trang "Cài đặt", ô B${settingRow('submitDays')} (Số ngày được nộp sau khi chốt): phải nhỏ hơn hoặc bằng 60`,
      );
      expect(errors).toContain(
        `Trang "Cài đặt", ô B${settingRow('reminders')} (Nhắc xã chưa nộp): phải là "có" hoặc "không"`,
      );
    });

    test('settings: the wrong recipient is named; "Tên <địa chỉ>" as copied from Gmail is read as the address', () => {
      setSetting(env.master, 'recipients', 'bandanvan@muongnhe.vn, tinhuy@dienbien');
      const strict = readConfig(env.master, { strict: true });
      expect(strict.ok ? [] : strict.errors).toContain(
        `Trang "Cài đặt", ô B${settingRow('recipients')} (${SETTING_LABELS.recipients}): "tinhuy@dienbien" không phải địa chỉ e-mail hợp lệ (cần dạng ten@mien.vn)`,
      );
      setSetting(
        env.master,
        'recipients',
        'Nguyễn Văn A <a@dienbien.gov.vn>; bandanvan@muongnhe.vn\nBANDANVAN@muongnhe.vn',
      );
      const r = readConfig(env.master);
      if (!r.ok) throw new Error(r.errors.join('\n'));
      expect(r.config.settings.recipients).toEqual(['a@dienbien.gov.vn', 'bandanvan@muongnhe.vn']);
    });

    test('recipients: a quoted name with a comma is one recipient; an address the schema refuses is named by cell', () => {
      setSetting(env.master, 'recipients', '"Ban Dân vận, huyện Mường Nhé" <bdv@muongnhe.vn>, tinhuy@dienbien.gov.vn');
      const r = readConfig(env.master, { strict: true });
      if (!r.ok) throw new Error(r.errors.join('\n'));
      expect(r.config.settings.recipients).toEqual(['bdv@muongnhe.vn', 'tinhuy@dienbien.gov.vn']);
      // A one-letter top-level domain and a letter with a diacritic look like addresses but are not ones.
      setSetting(env.master, 'recipients', 'a@dienbien.v, nguyễn@dienbien.gov.vn');
      sheet(env, SHEETS.units).getRange('D4').setValue('xa@muongnhe.v');
      const strict = readConfig(env.master, { strict: true });
      expect(strict.ok ? [] : strict.errors).toContain(
        `Trang "Cài đặt", ô B${settingRow('recipients')} (${SETTING_LABELS.recipients}): không phải địa chỉ e-mail hợp lệ: "a@dienbien.v", "nguyễn@dienbien.gov.vn" (cần dạng ten@mien.vn)`,
      );
      expect(errorsOf()).toContain(
        'Trang "Đơn vị", ô D4 (E-mail cán bộ): "xa@muongnhe.v" không phải địa chỉ e-mail hợp lệ (cần dạng ten@mien.vn)',
      );
    });

    test('a mistyped recipient stops only the e-mail: communes still submit, Tổng hợp runs and says so', () => {
      runTemplates(env.fake);
      env.units.forEach((u, i) => {
        seedUnitSheet(unitSheet(env, u) as Sheet, i);
      });
      setSetting(env.master, 'recipients', 'bandanvan@muongnhe.vn, tinhuy@dienbien');
      const problem = `Trang "Cài đặt", ô B${settingRow('recipients')} (${SETTING_LABELS.recipients}): "tinhuy@dienbien" không phải địa chỉ e-mail hợp lệ (cần dạng ten@mien.vn)`;
      // A commune submits, the district aggregates; the alert names the address to fix.
      submitAndAggregate();
      expect(lastAlert(env)).toContain(problem);
      // Sending the report leaves it out, naming it too; the valid recipient gets the report.
      main.sendReportNow();
      expect(env.fake.ui.alerts.map((a) => a.prompt).join('\n')).toContain('"tinhuy@dienbien"');
      expect(env.fake.mail.sent.flatMap((m) => m.toList)).toEqual(['bandanvan@muongnhe.vn']);
      // Thiết lập lists it as an error.
      runSetup();
      expect(lastAlert(env)).toContain(problem);
    });

    test('a rule naming an indicator deleted from "Chỉ tiêu" is left out with a warning: communes submit, Tổng hợp runs', () => {
      runTemplates(env.fake);
      env.units.forEach((u, i) => {
        seedUnitSheet(unitSheet(env, u) as Sheet, i);
      });
      const indicators = sheet(env, SHEETS.indicators);
      const codes = indicators
        .getRange('C:C')
        .getValues()
        .map((r) => r[0]);
      indicators.deleteRow(codes.indexOf('DON_TOCAO') + 1);
      const r = readConfig(env.master);
      if (!r.ok) throw new Error(r.errors.join('\n'));
      expect(r.config.catalogue.rules.map((x) => x.code)).not.toContain('DON_THEO_LOAI');
      expect(r.config.catalogue.rules).toHaveLength(defaultCatalogue().rules.length - 1);
      const warning = r.config.warnings.find((w) => w.startsWith('Trang "Quy tắc", ô B2 (Vế trái)'));
      expect(warning).toContain('"DON_TOCAO" không có trong trang "Chỉ tiêu"');
      expect(warning).toContain('Ban Dân vận huyện cần sửa trang "Quy tắc": xóa quy tắc này, hoặc sửa mã');
      // A commune submits, the district aggregates; the alert says which rule was left out.
      submitAndAggregate();
      expect(lastAlert(env)).toContain(warning);
      // Thiết lập lists it, as a warning, not as an error.
      runSetup();
      expect(lastAlert(env)).toContain('không có lỗi');
      expect(lastAlert(env)).toContain(`${SETUP.warnings}\n${warning}`);
    });

    test("under a province (2025 reform), a rule left out is for the province to mend; the admins' help names no district", () => {
      setSetting(env.master, 'level', 'tỉnh');
      const indicators = sheet(env, SHEETS.indicators);
      const codes = indicators
        .getRange('C:C')
        .getValues()
        .map((r) => r[0]);
      indicators.deleteRow(codes.indexOf('DON_TOCAO') + 1);
      const r = readConfig(env.master);
      if (!r.ok) throw new Error(r.errors.join('\n'));
      const warning = r.config.warnings.find((w) => w.startsWith('Trang "Quy tắc", ô B2 (Vế trái)')) ?? '';
      // The sample's organisation names a district: no body is made up ("Ban Dân vận tỉnh" is no more).
      expect(warning).toContain('Cán bộ cấp tỉnh cần sửa trang "Quy tắc": xóa quy tắc này, hoặc sửa mã');
      expect(warning).not.toContain('huyện');
      expect(warning).not.toContain('Ban Dân vận tỉnh');
      // The settings' organisation, when it is the province's, is the one named.
      setSetting(env.master, 'organisation', 'Ban Tuyên giáo và Dân vận Tỉnh ủy Điện Biên');
      const named = readConfig(env.master);
      if (!named.ok) throw new Error(named.errors.join('\n'));
      expect(named.config.warnings.find((w) => w.startsWith('Trang "Quy tắc", ô B2 (Vế trái)'))).toContain(
        'Ban Tuyên giáo và Dân vận Tỉnh ủy Điện Biên cần sửa trang "Quy tắc"',
      );
      // "Cài đặt" is written before the level is set: its help for the admins fits either level.
      const help = sheet(env, SHEETS.settings)
        .getDataRange()
        .getValues()
        .find((row) => row[0] === SETTING_LABELS.admins)?.[2];
      expect(help).toBe(
        'E-mail cán bộ cấp tổng hợp (huyện, tỉnh) được sửa mọi trang và mở khóa tháng đã nộp; cách nhau bởi dấu phẩy.',
      );
    });

    test('settings: a missing row', () => {
      const s = sheet(env, SHEETS.settings);
      s.deleteRow(settingRow('organisation'));
      expect(errorsOf()).toContain('Trang "Cài đặt" thiếu dòng "Cơ quan báo cáo".');
    });

    test('units: duplicate code, bad e-mail, empty name, bad merger date', () => {
      const s = sheet(env, SHEETS.units);
      s.getRange('A3').setValue('chung-chai');
      s.getRange('D4').setValue('khong-phai-email');
      s.getRange('B5').setValue('');
      s.getRange('F6').setValue('31/02/2025x');
      const errors = errorsOf();
      expect(errors).toContain('Trang "Đơn vị", ô A3 (Mã): mã đơn vị "chung-chai" bị trùng (đã có ở ô A2)');
      expect(errors).toContain(
        'Trang "Đơn vị", ô D4 (E-mail cán bộ): "khong-phai-email" không phải địa chỉ e-mail hợp lệ (cần dạng ten@mien.vn)',
      );
      expect(errors).toContain('Trang "Đơn vị", ô B5 (Tên): không được để trống');
      expect(errors).toContain(
        'Trang "Đơn vị", ô F6 (Sáp nhập từ ngày): phải là ngày dạng ngày/tháng/năm (ví dụ 01/07/2025)',
      );
    });

    test('units: a merge date without old codes says the date makes them required, or to clear it', () => {
      const s = sheet(env, SHEETS.units);
      s.getRange('F2').setValue('01/07/2025');
      s.getRange('G2').setValue('');
      expect(errorsOf()).toEqual([
        'Trang "Đơn vị", ô G2 (Đơn vị cũ (mã)): ô F2 có ngày sáp nhập nên ô G2 cần mã các xã cũ ' +
          '(cách nhau bởi dấu phẩy); nếu không có sáp nhập, hãy xóa ô F2',
      ]);
    });

    test('units: old codes without a merge date say the codes make the date required, or to clear them', () => {
      const s = sheet(env, SHEETS.units);
      s.getRange('F2').setValue('');
      s.getRange('G2').setValue('nam-vi, pa-my');
      expect(errorsOf()).toEqual([
        'Trang "Đơn vị", ô F2 (Sáp nhập từ ngày): ô G2 có mã các xã cũ nên ô F2 cần ngày sáp nhập ' +
          '(ngày/tháng/năm, ví dụ 01/07/2025); nếu không có sáp nhập, hãy xóa ô G2',
      ]);
    });

    test('a configuration that cannot be used stops a menu action with an alert and a line in "Nhật ký"', () => {
      const s = sheet(env, SHEETS.units);
      s.getRange('F2').setValue('01/07/2025');
      s.getRange('G2').setValue('');
      const logRows = () => (env.master.getSheetByName(SHEETS.log)?.getDataRange().getValues() ?? []).slice(1);
      const before = logRows().length;
      env.fake.ui.queuePromptResponse({ text: '' });
      expect(main.aggregateReports()).toBeUndefined();
      expect(lastAlert(env)).toContain('ô F2 có ngày sáp nhập nên ô G2 cần mã các xã cũ');
      const rows = logRows();
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)?.[2]).toBe('Tổng hợp');
      expect(String(rows.at(-1)?.[4])).toMatch(/^không chạy: Cấu hình chưa đúng: Trang "Đơn vị", ô G2 .*hãy xóa ô F2$/);
    });

    test('units: a code differing only in case, two units that would share one report tab', () => {
      const s = sheet(env, SHEETS.units);
      const names = s
        .getRange('B:B')
        .getValues()
        .map((r) => r[0]);
      const row = s.getLastRow() + 1;
      const muongNhe = names.indexOf('Mường Nhé') + 1;
      expect(muongNhe).toBeGreaterThan(1);
      s.getRange(row, 1, 1, 3).setValues([['CHUNG-CHAI', 'Chung Chải Mới', 'xã']]);
      s.getRange(row + 1, 1, 1, 3).setValues([['tt-muong-nhe', 'Mường Nhé', 'thị trấn']]);
      // Tab names keep the first 26 characters of the name.
      const long = 'Một tên đơn vị dài hơn hai mươi sáu chữ';
      s.getRange(row + 2, 1, 1, 3).setValues([['dai-1', `${long} A`, 'xã']]);
      s.getRange(row + 3, 1, 1, 3).setValues([['dai-2', `${long} B`, 'xã']]);
      const errors = errorsOf();
      expect(errors).toContain(
        `Trang "Đơn vị", ô A${row} (Mã): mã đơn vị "CHUNG-CHAI" trùng với "chung-chai" ở ô A2 (chữ hoa, chữ thường được coi là một); hãy đặt mã khác`,
      );
      const clash = errors.find((e) => e.startsWith(`Trang "Đơn vị", ô B${row + 1} (Tên): tên "Mường Nhé"`));
      expect(clash).toContain(`ô B${muongNhe}`);
      expect(clash).toContain('(trang "Mường Nhé 2018")');
      expect(errors.some((e) => e.startsWith(`Trang "Đơn vị", ô B${row + 3} (Tên): tên "${long} B"`))).toBe(true);
      expect(errors.some((e) => e.startsWith(`Trang "Đơn vị", ô B${row + 2} `))).toBe(false);
    });

    test('units: two of one name share no tab with a spreadsheet each: a warning, not an error', () => {
      const s = sheet(env, SHEETS.units);
      const row = s.getLastRow() + 1;
      s.getRange(row, 1, 1, 3).setValues([['chung-chai-np', 'Chung Chải', 'xã']]);
      // One spreadsheet: they would share the tab "Chung Chải 2018".
      expect(errorsOf()).toEqual([expect.stringContaining(`ô B${row} (Tên): tên "Chung Chải" cho cùng tên trang`)]);
      setSetting(env.master, 'separateSpreadsheets', 'có');
      const r = readConfig(env.master);
      if (!r.ok) throw new Error(r.errors.join('\n'));
      expect(r.config.units.at(-1)?.code).toBe('chung-chai-np');
      expect(r.config.warnings).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Trang "Đơn vị", ô B${row} \\(Tên\\): tên "Chung Chải" giống tên đơn vị ở ô B2: .*ghi thêm mã đơn vị sau tên`,
          ),
        ),
      ]);
      // Two of them given the same spreadsheet would share a tab there.
      const url = 'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz/edit';
      const urlCol = s.getRange(1, 1, 1, s.getLastColumn()).getValues()[0].indexOf(UNITS_HEADER.spreadsheetUrl) + 1;
      expect(urlCol).toBeGreaterThan(0);
      s.getRange(2, urlCol).setValue(url);
      s.getRange(row, urlCol).setValue(url);
      expect(errorsOf()).toEqual([expect.stringContaining(`ô B${row} (Tên): tên "Chung Chải" cho cùng tên trang`)]);
    });

    test('indicators: bad kind, missing {n}, duplicate code, reserved code', () => {
      const s = sheet(env, SHEETS.indicators);
      s.getRange('F2').setValue('số lớn');
      s.getRange('H3').setValue('không có chỗ cho số');
      s.getRange('C4').setValue('DVK_DANGKY');
      s.getRange('C5').setValue('NGAY_NOP');
      const errors = errorsOf();
      expect(errors).toContain(
        'Trang "Chỉ tiêu", ô F2 (Loại): phải là một trong: "số nguyên", "số thập phân", "ghi chú"',
      );
      expect(errors.some((e) => e.startsWith('Trang "Chỉ tiêu", ô H3 (Câu mẫu): sai định dạng'))).toBe(true);
      expect(errors).toContain('Trang "Chỉ tiêu", ô C4 (Mã): mã chỉ tiêu "DVK_DANGKY" bị trùng (đã có ở ô C2)');
      expect(errors).toContain(
        'Trang "Chỉ tiêu", ô C5 (Mã): mã "NGAY_NOP" dành cho dòng ngày nộp báo cáo, hãy đặt mã khác',
      );
    });

    test('rules: unknown indicator, note in a rule, bad operator', () => {
      const s = sheet(env, SHEETS.rules);
      s.getRange('B2').setValue('DON_KHIEUNAI + KHONG_CO');
      s.getRange('D3').setValue('GHI_CHU');
      s.getRange('C4').setValue('~');
      const r = readConfig(env.master);
      if (r.ok) throw new Error('expected errors');
      const errors = r.errors;
      // The unknown code leaves its rule out with a warning; the other two are errors.
      expect(errors.some((e) => e.includes('KHONG_CO'))).toBe(false);
      expect(r.warnings).toEqual([
        expect.stringMatching(
          /^Trang "Quy tắc", ô B2 \(Vế trái\): mã chỉ tiêu "KHONG_CO" không có trong trang "Chỉ tiêu"/,
        ),
      ]);
      expect(errors).toContain(
        'Trang "Quy tắc", ô D3 (Vế phải): chỉ tiêu "GHI_CHU" là ghi chú, không dùng trong quy tắc được',
      );
      expect(errors).toContain('Trang "Quy tắc", ô C4 (So sánh): phải là một trong: "=", "<>", "<=", "<", ">=", ">"');
    });

    test('rules: an empty "Vế phải" or a code on both sides is refused by Thiết lập, naming the cell', () => {
      const s = sheet(env, SHEETS.rules);
      s.getRange('D2').setValue('');
      s.getRange('D4').setValue('DON_DAGIAIQUYET');
      const errors = errorsOf();
      expect(errors).toContainEqual(
        expect.stringMatching(
          /^Trang "Quy tắc", ô D2 \(Vế phải\): không được để trống: ghi mã chỉ tiêu .*xóa quy tắc này$/,
        ),
      );
      expect(errors).toContainEqual(
        expect.stringMatching(
          /^Trang "Quy tắc", ô D4 \(Vế phải\): mã chỉ tiêu "DON_DAGIAIQUYET" có ở cả vế trái \(ô B4\) và vế phải/,
        ),
      );
      runSetup();
      expect(lastAlert(env)).not.toContain('không có lỗi');
      expect(lastAlert(env)).toContain('ô D2 (Vế phải)');
    });

    test('an error value ("#ERROR!", "#REF!", "#NAME?") in any configuration cell is an error naming the cell', () => {
      const hint = 'là công thức lỗi';
      sheet(env, SHEETS.indicators).getRange('D4').setValue('#ERROR!');
      sheet(env, SHEETS.indicators).getRange('B2').setValue('#REF!');
      sheet(env, SHEETS.rules).getRange('F2').setValue('#ERROR!');
      sheet(env, SHEETS.rules).getRange('B3').setValue('#NAME?');
      sheet(env, SHEETS.units).getRange('B3').setValue('#VALUE!');
      setSetting(env.master, 'scopeLabel', '#ERROR!');
      const errors = errorsOf();
      const of = (where: string) => errors.filter((e) => e.startsWith(where));
      for (const [where, shown] of [
        ['Trang "Chỉ tiêu", ô D4 (Chỉ tiêu)', '#ERROR!'],
        ['Trang "Chỉ tiêu", ô B2 (Tên nhóm)', '#REF!'],
        ['Trang "Quy tắc", ô F2 (Thông báo)', '#ERROR!'],
        ['Trang "Quy tắc", ô B3 (Vế trái)', '#NAME?'],
        ['Trang "Đơn vị", ô B3 (Tên)', '#VALUE!'],
        [`Trang "Cài đặt", ô B${settingRow('scopeLabel')} (${SETTING_LABELS.scopeLabel})`, '#ERROR!'],
      ]) {
        // One message per cell: the failed formula, with how to type the text (not "không có trong trang …").
        expect(of(where)).toEqual([expect.stringContaining(`"${shown}"`)]);
        expect(of(where)[0]).toContain(hint);
        expect(of(where)[0]).toContain("dấu ' ở đầu");
      }
      runSetup();
      expect(lastAlert(env)).not.toContain('không có lỗi');
    });

    test('a failed formula in an e-mail-only setting stops only the e-mail', () => {
      setSetting(env.master, 'recipients', '#REF!');
      const r = readConfig(env.master);
      if (!r.ok) throw new Error(r.errors.join('\n'));
      expect(r.config.emailProblems).toEqual([expect.stringContaining('"#REF!"), không đọc được')]);
      const strict = readConfig(env.master, { strict: true });
      expect(strict.ok ? [] : strict.errors).toEqual([expect.stringContaining('là công thức lỗi')]);
    });

    test('indicators: a placeholder other than {n} in "Câu mẫu" is refused, naming the cell', () => {
      sheet(env, SHEETS.indicators).getRange('H3').setValue('{n} được đánh giá, {n2}');
      expect(errorsOf()).toEqual([
        expect.stringMatching(/^Trang "Chỉ tiêu", ô H3 \(Câu mẫu\): "\{n2\}" không phải chỗ điền số/),
      ]);
    });

    test('a missing sheet', () => {
      env.master.deleteSheet(sheet(env, SHEETS.rules));
      expect(errorsOf()).toEqual(['Chưa có trang "Quy tắc". Hãy chạy Dân vận › Thiết lập.']);
    });

    test('the menu actions show the mistakes instead of running', () => {
      setSetting(env.master, 'cutoffDay', 'abc');
      env.fake.ui.queuePromptResponse({ text: '2018' });
      main.createTemplates();
      expect(env.fake.ui.alerts.at(-1)?.title).toBe('Cấu hình chưa đúng');
      expect(lastAlert(env)).toContain('(Ngày chốt số liệu): phải là số');
      expect(env.fake.ui.prompts).toHaveLength(0);
    });
  });
});
