import * as main from '../../src/gas/main';
import { MENU_ITEMS } from '../../src/gas/menu';
import { MENU } from '../../src/messages/vi/gas';
import { createEnv, type Env } from './helpers';

describe('onOpen and the menu', () => {
  let env: Env;
  beforeEach(() => {
    env = createEnv();
  });
  afterEach(() => env.dispose());

  test('adds the "Dân vận" menu with every item wired to an exported handler', () => {
    env.fake.resetCalls();
    main.onOpen();
    const menus = env.fake.ui.menus;
    expect(menus).toHaveLength(1);
    expect(menus[0].title).toBe(MENU.title);
    const captions = menus[0].items.map((i) => (i === 'separator' ? '—' : 'caption' in i ? i.caption : '?'));
    expect(captions).toEqual([
      'Thiết lập',
      'Tạo mẫu báo cáo cho xã',
      'Kiểm tra dữ liệu',
      'Nộp báo cáo tháng…',
      'Mở khóa tháng…',
      'Tổng hợp',
      '—',
      'Cài đặt…',
      'Bật gửi báo cáo hằng tháng',
      'Tắt gửi báo cáo hằng tháng',
      'Gửi báo cáo ngay',
    ]);
    for (const item of MENU_ITEMS) {
      if (!item) continue;
      expect(typeof (main as Record<string, unknown>)[item[1]]).toBe('function');
      expect(env.fake.ui.findItem(item[0])?.functionName).toBe(item[1]);
    }
  });

  test('makes no call that needs authorisation (AuthMode.NONE): only the Ui menu builder', () => {
    env.fake.resetCalls();
    main.onOpen();
    const used = Object.keys(env.fake.calls.byMethod).sort();
    expect(used).toEqual([
      'Menu.addItem',
      'Menu.addSeparator',
      'Menu.addToUi',
      'SpreadsheetApp.getUi',
      'Ui.createMenu',
    ]);
  });

  test('onInstall adds the same menu', () => {
    main.onInstall();
    expect(env.fake.ui.menus[0].title).toBe(MENU.title);
  });

  test('the entry exports exactly the handlers Apps Script must find', () => {
    expect(Object.keys(main).sort()).toEqual(
      [
        'onOpen',
        'onInstall',
        ...MENU_ITEMS.filter((i): i is [string, string] => i !== null).map((i) => i[1]),
        // called from the e-mail settings sidebar and by time-driven triggers
        'getSettingsForSidebar',
        'saveSettingsFromSidebar',
        'monthlyReportJob',
        'resumeReportJob',
        'sendReminders',
        // one-off trigger continuing a "Tổng hợp" whose reading did not fit one execution
        'resumeAggregate',
      ].sort(),
    );
  });
});
