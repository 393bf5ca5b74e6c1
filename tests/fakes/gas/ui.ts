/** SpreadsheetApp.getUi(): menus, alerts, prompts, sidebars and dialogs, all recorded. */
import type { FakeContext } from './context';
import { Button, ButtonSet } from './enums';
import { GAS_ERRORS, GasError } from './errors';
import type { HtmlOutputImpl } from './html';
import { GasObject } from './runtime';
import { describeTypes } from './sheet';

export interface MenuItemRecord {
  caption: string;
  functionName: string;
}
export interface MenuRecord {
  title: string;
  /** True for createAddonMenu() menus (title is the add-on name). */
  addon?: boolean;
  items: (MenuItemRecord | 'separator' | MenuRecord)[];
}
export interface AlertRecord {
  title: string | null;
  prompt: string;
  buttons: string;
  response: string;
}
export interface PromptRecord extends AlertRecord {
  text: string;
}
export interface ShownRecord {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  html: string;
  width: number | null;
  height: number | null;
}
export interface PromptScript {
  button?: string;
  text?: string;
}

const BUTTONS_OF: Record<string, string[]> = {
  OK: ['OK', 'CLOSE'],
  OK_CANCEL: ['OK', 'CANCEL', 'CLOSE'],
  YES_NO: ['YES', 'NO', 'CLOSE'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL', 'CLOSE'],
};

/**
 * What tests see as fake.ui. Unscripted dialogs answer: alert with the OK button set →
 * OK; any other alert → CLOSE (the user dismissed it); prompt → CLOSE with ''. Set
 * `strict = true` to make an unscripted alert/prompt throw instead.
 */
export class UiState {
  menus: MenuRecord[] = [];
  alerts: AlertRecord[] = [];
  prompts: PromptRecord[] = [];
  shown: ShownRecord[] = [];
  strict = false;
  private alertQueue: string[] = [];
  private promptQueue: PromptScript[] = [];

  queueAlertResponse(...buttons: string[]): void {
    this.alertQueue.push(...buttons.map(String));
  }
  queuePromptResponse(...responses: PromptScript[]): void {
    this.promptQueue.push(...responses);
  }
  /** Scripted responses not yet consumed. */
  pending(): { alerts: string[]; prompts: PromptScript[] } {
    return { alerts: [...this.alertQueue], prompts: [...this.promptQueue] };
  }
  reset(): void {
    this.menus = [];
    this.alerts = [];
    this.prompts = [];
    this.shown = [];
    this.alertQueue = [];
    this.promptQueue = [];
  }
  /** Finds a menu item by caption anywhere in the recorded menus. */
  findItem(caption: string): MenuItemRecord | undefined {
    const walk = (items: MenuRecord['items']): MenuItemRecord | undefined => {
      for (const it of items) {
        if (it === 'separator') continue;
        if ('functionName' in it) {
          if (it.caption === caption) return it;
        } else {
          const hit = walk(it.items);
          if (hit) return hit;
        }
      }
      return undefined;
    };
    return walk(this.menus.flatMap((m) => m.items));
  }

  _nextAlert(buttons: string, prompt: string): string {
    const scripted = this.alertQueue.shift();
    if (scripted === undefined) {
      if (this.strict) throw new Error(`fake Ui: no scripted response for alert "${prompt}"`);
      return buttons === 'OK' ? Button.OK : Button.CLOSE;
    }
    if (!BUTTONS_OF[buttons].includes(scripted))
      throw new Error(
        `fake Ui: scripted response ${scripted} is not a button of ButtonSet.${buttons} (alert "${prompt}")`,
      );
    return scripted;
  }

  _nextPrompt(buttons: string, prompt: string): { button: string; text: string } {
    const scripted = this.promptQueue.shift();
    if (scripted === undefined) {
      if (this.strict) throw new Error(`fake Ui: no scripted response for prompt "${prompt}"`);
      return { button: Button.CLOSE, text: '' };
    }
    const button = scripted.button ?? Button.OK;
    if (!BUTTONS_OF[buttons].includes(button))
      throw new Error(
        `fake Ui: scripted response ${button} is not a button of ButtonSet.${buttons} (prompt "${prompt}")`,
      );
    return { button, text: scripted.text ?? '' };
  }
}

type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'sep' }
  | { kind: 'sub'; menu: MenuImpl };

export class MenuImpl extends GasObject {
  readonly _items: MenuEntry[] = [];

  constructor(
    ctx: FakeContext,
    private readonly _state: UiState,
    readonly _title: string,
    readonly _addon: boolean,
  ) {
    super(ctx.rt, 'Menu');
  }

  _record(): MenuRecord {
    const rec: MenuRecord = {
      title: this._title,
      items: this._items.map((e) =>
        e.kind === 'item'
          ? { caption: e.caption, functionName: e.functionName }
          : e.kind === 'sep'
            ? 'separator'
            : e.menu._record(),
      ),
    };
    if (this._addon) rec.addon = true;
    return rec;
  }

  addItem(caption: string, functionName: string) {
    this._items.push({ kind: 'item', caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator() {
    this._items.push({ kind: 'sep' });
    return this;
  }
  addSubMenu(menu: MenuImpl) {
    this._items.push({ kind: 'sub', menu });
    return this;
  }
  /** Re-adding a menu with the same title replaces it (as re-running onOpen does). */
  addToUi() {
    const rec = this._record();
    const i = this._state.menus.findIndex((m) => m.title === rec.title && Boolean(m.addon) === Boolean(rec.addon));
    if (i >= 0) this._state.menus[i] = rec;
    else this._state.menus.push(rec);
  }
}

export class PromptResponseImpl extends GasObject {
  constructor(
    ctx: FakeContext,
    private readonly _button: string,
    private readonly _text: string,
  ) {
    super(ctx.rt, 'PromptResponse');
  }
  getResponseText() {
    return this._text;
  }
  getSelectedButton() {
    return this._button;
  }
}

export class UiImpl extends GasObject {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    private readonly _ctx: FakeContext,
    private readonly _state: UiState,
  ) {
    super(_ctx.rt, 'Ui');
  }

  private _dialogArgs(args: unknown[], method: string): { title: string | null; prompt: string; buttons: string } {
    const isSet = (x: unknown) => typeof x === 'string' && x in BUTTONS_OF;
    if (args.length === 1) return { title: null, prompt: String(args[0]), buttons: ButtonSet.OK };
    if (args.length === 2 && isSet(args[1])) return { title: null, prompt: String(args[0]), buttons: String(args[1]) };
    if (args.length === 3 && isSet(args[2]))
      return { title: String(args[0]), prompt: String(args[1]), buttons: String(args[2]) };
    throw new GasError(GAS_ERRORS.signature(describeTypes(args), `Ui.${method}`));
  }

  createMenu(caption: string) {
    return new MenuImpl(this._ctx, this._state, String(caption), false);
  }
  createAddonMenu() {
    return new MenuImpl(this._ctx, this._state, this._ctx.addonName, true);
  }
  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) → Button. */
  alert(...args: unknown[]) {
    const a = this._dialogArgs(args, 'alert');
    const response = this._state._nextAlert(a.buttons, a.prompt);
    this._state.alerts.push({ ...a, response });
    return response;
  }
  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons) → PromptResponse. */
  prompt(...args: unknown[]) {
    const a = this._dialogArgs(args, 'prompt');
    const r = this._state._nextPrompt(a.buttons, a.prompt);
    this._state.prompts.push({ ...a, response: r.button, text: r.text });
    return new PromptResponseImpl(this._ctx, r.button, r.text);
  }
  private _show(kind: ShownRecord['kind'], out: HtmlOutputImpl, title?: string) {
    this._state.shown.push({
      kind,
      title: title ?? out._title,
      html: out._content,
      width: out._width,
      height: out._height,
    });
  }
  showSidebar(userInterface: HtmlOutputImpl) {
    this._show('sidebar', userInterface);
  }
  showModalDialog(userInterface: HtmlOutputImpl, title: string) {
    this._show('modal', userInterface, String(title));
  }
  showModelessDialog(userInterface: HtmlOutputImpl, title: string) {
    this._show('modeless', userInterface, String(title));
  }
}
