/**
 * Layout (b): "Tạo mẫu" run again brings the sharing of each unit's own spreadsheet up to date with
 * "Đơn vị" and the admins. A clerk added gets the file, one removed loses it — only when the add-on
 * had shared it with them; the owner, the user running and whoever the commune shared its file with
 * itself stay. A file already up to date gets no sharing call; an address Google refuses is said,
 * naming the unit and the address, and the rest goes on.
 *
 * And both layouts: a later admin who is not an editor of the add-on's protections (Google lets only
 * their editors and the owner change them) is told once which tabs they could not bring up to date.
 */

import { GAS_ERRORS } from '../fakes/gas';
import {
  ADMIN,
  createEnv,
  type Env,
  lastAlert,
  runSetup,
  runTemplates,
  setClerks,
  setSetting,
  setUpLayoutB,
  unitUrls,
} from './helpers';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
const OLD = 'chungchai@example.vn'; // Chung Chải's e-mail in the default "Đơn vị"
const NEW = 'canbomoi@example.vn';
const PHO = 'pho@muongnhe.vn';
const UNIT = 'Xã Chung Chải';

let env: Env;
afterEach(() => env.dispose());

const editorsOf = (ss: Spreadsheet) => ss.getEditors().map((u) => u.getEmail());

/** Calls that change a spreadsheet's sharing. */
const sharingCalls = () =>
  Object.entries(env.fake.calls.byMethod)
    .filter(([k]) => /^Spreadsheet\.(add|remove)(Editor|Viewer)/.test(k))
    .reduce((n, [, v]) => n + v, 0);

/** Chung Chải's own spreadsheet, opened as the admin. */
function chungChai(urls: Record<string, string>): Spreadsheet {
  return SpreadsheetApp.openByUrl(urls[env.units[0].code]);
}

function messageOf(r: ReturnType<typeof runTemplates>, code = 'chung-chai'): string {
  return r?.outcomes.find((o) => o.unit.code === code)?.message ?? '';
}

describe('layout b: the file of a unit is shared as "Đơn vị" and the admins say', () => {
  test('a clerk added gets the file, the one the add-on shared with and now removed loses it; a second run makes no call', () => {
    env = createEnv();
    const urls = setUpLayoutB(env);
    expect(editorsOf(chungChai(urls))).toEqual([ADMIN, OLD]);
    setClerks(env, NEW);
    const r = runTemplates(env.fake);
    expect(editorsOf(chungChai(urls))).toEqual([ADMIN, NEW]);
    expect(messageOf(r)).toContain(`đã chia sẻ tệp với ${NEW}`);
    expect(messageOf(r)).toContain(`đã bỏ quyền sửa tệp của ${OLD}`);
    expect(r?.shared).toBe(1);
    expect(r?.summary).toContain('cập nhật chia sẻ tệp riêng của 1 đơn vị');
    // The other units' files were up to date: nothing said about sharing.
    expect(messageOf(r, 'huoi-lech')).not.toContain('chia sẻ');
    // The new clerk can open the file and type in the tab; the old one cannot open it.
    env.fake.setUser(NEW);
    expect(() => SpreadsheetApp.openByUrl(urls['chung-chai'])).not.toThrow();
    env.fake.setUser(OLD);
    expect(() => SpreadsheetApp.openByUrl(urls['chung-chai'])).toThrow(GAS_ERRORS.noPermission);
    env.fake.setUser(ADMIN);
    // Up to date: no sharing call, no property written.
    env.fake.resetCalls();
    const again = runTemplates(env.fake);
    expect(sharingCalls()).toBe(0);
    expect(env.fake.calls.count('Properties.setProperty')).toBe(0);
    expect(again?.shared).toBe(0);
    expect(messageOf(again)).not.toContain('chia sẻ');
  });

  test('an admin added is shared with every file, and loses them once no longer an admin', () => {
    env = createEnv();
    const urls = setUpLayoutB(env);
    setSetting(env.master, 'admins', `${ADMIN}, ${PHO}`);
    const r = runTemplates(env.fake);
    expect(r?.shared).toBe(env.units.length);
    for (const u of env.units) expect(editorsOf(SpreadsheetApp.openByUrl(urls[u.code]))).toContain(PHO);
    setSetting(env.master, 'admins', ADMIN);
    const back = runTemplates(env.fake);
    expect(back?.shared).toBe(env.units.length);
    expect(messageOf(back)).toContain(`đã bỏ quyền sửa tệp của ${PHO}`);
    for (const u of env.units) expect(editorsOf(SpreadsheetApp.openByUrl(urls[u.code]))).not.toContain(PHO);
  });

  test('whom the commune shared its file with itself stays, listed or not; so do the owner and the user running', () => {
    env = createEnv();
    const urls = setUpLayoutB(env);
    const ss = chungChai(urls);
    ss.addEditor('ketoan@example.vn'); // shared by the commune, never listed
    ss.addEditor(NEW); // shared by the commune, then listed, then no longer
    setClerks(env, `${OLD}, ${NEW}`);
    runTemplates(env.fake);
    setClerks(env, OLD);
    const r = runTemplates(env.fake);
    expect(editorsOf(ss)).toEqual([ADMIN, OLD, 'ketoan@example.vn', NEW]);
    expect(messageOf(r)).not.toContain('chia sẻ');
    // Even a record that names them (the owner, who is also the user running) removes neither.
    PropertiesService.getDocumentProperties()?.setProperty(`danvan.shared.${ss.getId()}`, JSON.stringify([ADMIN, OLD]));
    setSetting(env.master, 'admins', 'khac@muongnhe.vn');
    setClerks(env, NEW);
    const again = runTemplates(env.fake);
    expect(editorsOf(ss)).toEqual([ADMIN, 'ketoan@example.vn', NEW, 'khac@muongnhe.vn']);
    expect(messageOf(again)).toContain(`đã chia sẻ tệp với khac@muongnhe.vn; đã bỏ quyền sửa tệp của ${OLD} (`);
    expect(messageOf(again)).not.toContain('Chưa bỏ được');
  });

  test('an address Google refuses is said with the unit and the address; the others are shared, and a later run tries again', () => {
    env = createEnv();
    const urls = setUpLayoutB(env);
    const BAD = 'bi-chan@example.vn';
    const refuse = env.fake.faults.add({
      method: 'Spreadsheet.*',
      when: (args) => [args[0]].flat().includes(BAD),
      error: 'Sharing with this address is not allowed by the domain policy.',
    });
    setClerks(env, `${NEW}, ${BAD}`);
    setSetting(env.master, 'admins', `${ADMIN}, ${PHO}`);
    const r = runTemplates(env.fake);
    expect(r?.failed).toBe(0);
    const message = messageOf(r);
    expect(message).toContain(`đã chia sẻ tệp với ${NEW}, ${PHO}`);
    expect(message).toContain(`Chưa chia sẻ được tệp của ${UNIT} với ${BAD}:`);
    expect(message).toContain('Sharing with this address is not allowed by the domain policy.');
    expect(editorsOf(chungChai(urls))).toEqual([ADMIN, NEW, PHO]);
    // Every other unit got the new admin.
    expect(r?.shared).toBe(env.units.length);
    refuse.remove();
    const again = runTemplates(env.fake);
    expect(messageOf(again)).toContain(`đã chia sẻ tệp với ${BAD}`);
    expect(editorsOf(chungChai(urls))).toContain(BAD);
  });

  test('a removal Google refuses is said, and the tab is still brought up to date', () => {
    env = createEnv();
    const urls = setUpLayoutB(env);
    env.fake.faults.add({ method: 'Spreadsheet.removeEditor', error: GAS_ERRORS.serverError, times: 1 });
    setClerks(env, NEW);
    const r = runTemplates(env.fake);
    expect(messageOf(r)).toContain(`Chưa bỏ được quyền sửa của ${OLD} trên tệp của ${UNIT}:`);
    expect(r?.outcomes[0].editors).toBe(true); // the tab's protections were still done
    expect(editorsOf(chungChai(urls))).toContain(OLD);
    // Still remembered as the add-on's: the next run removes it.
    const again = runTemplates(env.fake);
    expect(messageOf(again)).toContain(`đã bỏ quyền sửa tệp của ${OLD}`);
    expect(editorsOf(chungChai(urls))).not.toContain(OLD);
  });

  test('a user who may not read the editors (a viewer of the file) changes nothing and the record is kept', () => {
    env = createEnv();
    const urls = setUpLayoutB(env);
    const ss = chungChai(urls);
    const key = `danvan.shared.${ss.getId()}`;
    const record = PropertiesService.getDocumentProperties()?.getProperty(key);
    expect(JSON.parse(record as string)).toEqual([OLD]);
    env.master.addEditor(PHO);
    ss.addViewer(PHO);
    setClerks(env, NEW);
    env.fake.setUser(PHO);
    env.fake.resetCalls();
    const r = runTemplates(env.fake);
    expect(sharingCalls()).toBe(0);
    expect(messageOf(r)).toContain(
      `Chưa cập nhật được việc chia sẻ tệp của ${UNIT}: không đọc được danh sách người sửa tệp`,
    );
    expect(PropertiesService.getDocumentProperties()?.getProperty(key)).toBe(record);
    // The owner runs it: the add-on's own sharing is still known, so the clerk removed loses the file.
    env.fake.setUser(ADMIN);
    runTemplates(env.fake);
    expect(editorsOf(ss)).toEqual([ADMIN, NEW]);
  });

  test('a new spreadsheet is shared without a word, a refused address with one; the file is still made', () => {
    env = createEnv();
    runSetup();
    setSetting(env.master, 'separateSpreadsheets', 'có');
    const BAD = 'bi-chan@example.vn';
    setClerks(env, `${OLD}, ${BAD}`);
    env.fake.faults.add({
      method: 'Spreadsheet.*',
      when: (args) => [args[0]].flat().includes(BAD),
      error: GAS_ERRORS.invalidEmail(BAD),
    });
    const r = runTemplates(env.fake);
    expect(r?.created).toBe(env.units.length);
    expect(messageOf(r)).toMatch(
      new RegExp(`^${UNIT}: đã tạo bảng tính riêng\\. Chưa chia sẻ được tệp của ${UNIT} với ${BAD}: `),
    );
    expect(messageOf(r, 'huoi-lech')).toBe('Xã Huổi Lếch: đã tạo bảng tính riêng');
    const url = r?.outcomes[0].url as string;
    expect(editorsOf(SpreadsheetApp.openByUrl(url))).toEqual([ADMIN, OLD]);
  });
});

describe('a later admin who is not an editor of the protections is told once', () => {
  function laterAdmin(layoutB: boolean): ReturnType<typeof runTemplates> {
    env = createEnv();
    if (layoutB) setUpLayoutB(env);
    else {
      runSetup();
      runTemplates(env.fake);
    }
    env.master.addEditor(PHO);
    setSetting(env.master, 'admins', `${ADMIN}, ${PHO}`);
    env.fake.setUser(PHO);
    return runTemplates(env.fake);
  }

  test('layout a: which tabs, and who can bring them up to date', () => {
    const r = laterAdmin(false);
    expect(r?.notEditor).toHaveLength(env.units.length);
    expect(r?.editors).toBe(0);
    const alert = lastAlert(env);
    const notice = `Chưa cập nhật được người được sửa ở ${env.units.length} trang ("Chung Chải 2018", "Huổi Lếch 2018"`;
    expect(alert).toContain(notice);
    expect(alert.split(notice)).toHaveLength(2); // once
    expect(alert).toContain(`tài khoản đang chạy (${PHO}) không có tên trong phần bảo vệ`);
    expect(alert).toContain('và 1 trang khác');
    expect(alert).toContain('Hãy nhờ chủ sở hữu bảng tính hoặc quản trị viên đã tạo mẫu trước đây chạy lại "Tạo mẫu"');
    // The owner runs it: the new admin is in; the notice is gone.
    env.fake.setUser(ADMIN);
    expect(runTemplates(env.fake)?.editors).toBe(env.units.length);
    env.fake.setUser(PHO);
    const again = runTemplates(env.fake);
    expect(again?.notEditor).toEqual([]);
    expect(lastAlert(env)).not.toContain('Chưa cập nhật được người được sửa');
  });

  test('layout b: the same for the tabs of the files shared with them', () => {
    const r = laterAdmin(true);
    // The new admin cannot open the units' files yet (nobody shared them): each is an error, said.
    expect(r?.failed).toBe(env.units.length);
    env.fake.setUser(ADMIN);
    setSetting(env.master, 'admins', ADMIN);
    runTemplates(env.fake);
    const urls = unitUrls(env.master);
    // The commune shares its file with the new admin itself: the tab's protections are still not theirs.
    SpreadsheetApp.openByUrl(urls['chung-chai']).addEditor(PHO);
    env.fake.setUser(PHO);
    const again = runTemplates(env.fake);
    expect(again?.notEditor).toEqual(['Chung Chải 2018']);
    expect(lastAlert(env)).toContain('Chưa cập nhật được người được sửa ở 1 trang ("Chung Chải 2018")');
  });
});
