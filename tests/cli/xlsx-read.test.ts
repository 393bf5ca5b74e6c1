/** src/cli/xlsx/read.ts on real .xlsx files: cell conversion, merges, bad files, limits. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { READ_LIMITS, readWorkbookBuffer, readWorkbookFile, readWorkbookFiles } from '../../src/cli/xlsx/read';
import { FIXTURES, tmpDir } from './helpers';

const dir = tmpDir('tonghop-read-');

async function xlsx(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Trang 1'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('cell values', () => {
  let outcome: Awaited<ReturnType<typeof readWorkbookBuffer>>;
  beforeAll(async () => {
    const buf = await xlsx((ws) => {
      ws.getCell('A1').value = 12;
      ws.getCell('B1').value = '  1.000 ';
      ws.getCell('C1').value = true;
      ws.getCell('D1').value = new Date(Date.UTC(2018, 8, 16));
      ws.getCell('D1').numFmt = 'dd/mm/yyyy';
      ws.getCell('E1').value = { formula: 'A1*2', result: 24 } as ExcelJS.CellFormulaValue;
      ws.getCell('F1').value = { formula: 'A1-12', result: 0 } as ExcelJS.CellFormulaValue;
      ws.getCell('G1').value = { formula: 'A1+1' } as ExcelJS.CellFormulaValue;
      ws.getCell('H1').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
      ws.getCell('I1').value = { richText: [{ text: 'Chung ' }, { font: { bold: true }, text: 'Chải' }] };
      ws.getCell('J1').value = { text: 'trang web', hyperlink: 'https://example.vn' };
      ws.getCell('K1').value = { formula: 'H1', result: { error: '#N/A' } } as unknown as ExcelJS.CellFormulaValue;
      ws.getCell('A3').value = 'Tiêu đề gộp';
      ws.mergeCells('A3:C3');
      ws.getCell('E5').value = '=1+1';
    });
    outcome = await readWorkbookBuffer(buf, 'mau.xlsx');
  });

  test('numbers, text, booleans, formulas, errors, rich text and hyperlinks as getValues() gives them', () => {
    const grid = outcome.workbook!.sheets[0].grid;
    expect(grid[0].slice(0, 3)).toEqual([12, '  1.000 ', true]);
    expect(grid[0][4]).toBe(24);
    expect(grid[0][5]).toBe(0); // a cached 0 is a value, not "no result"
    expect(grid[0][6]).toBe(''); // no cached result: empty…
    expect(outcome.noResult).toEqual([{ sheet: 'Trang 1', cell: 'G1' }]); // …and remembered
    expect(grid[0][7]).toBe('#REF!');
    expect(grid[0][8]).toBe('Chung Chải');
    expect(grid[0][9]).toBe('trang web');
    expect(grid[0][10]).toBe('#N/A');
    expect(grid[4][4]).toBe('=1+1');
  });

  test('dates become local-midnight Dates of the calendar day shown in the sheet', () => {
    const d = outcome.workbook!.sheets[0].grid[0][3] as Date;
    expect(d).toBeInstanceOf(Date);
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours()]).toEqual([2018, 9, 16, 0]);
  });

  test('merged ranges are listed; only the top-left cell holds the value', () => {
    const sheet = outcome.workbook!.sheets[0];
    expect(sheet.merges).toEqual(['A3:C3']);
    expect(sheet.grid[2].slice(0, 3)).toEqual(['Tiêu đề gộp', '', '']);
  });

  test('the grid is rectangular and ends at the last non-empty cell', () => {
    const grid = outcome.workbook!.sheets[0].grid;
    expect(grid.length).toBe(5);
    expect(new Set(grid.map((r) => r.length))).toEqual(new Set([11]));
  });
});

describe('the LibreOffice-saved fixture', () => {
  test('is a real LibreOffice file and reads with dates and cached formula results', async () => {
    const file = path.join(FIXTURES, 'libreoffice/chung-chai-2018.xlsx');
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    expect(await zip.file('docProps/app.xml')!.async('string')).toMatch(/<Application>LibreOffice/);
    const o = await readWorkbookFile(file, 'chung-chai-2018.xlsx');
    expect(o.error).toBeUndefined();
    const grid = o.workbook!.sheets[0].grid;
    const jan = grid[6][4] as Date; // E7: submission date of January
    expect([jan.getFullYear(), jan.getMonth() + 1, jan.getDate()]).toEqual([2018, 1, 15]);
    // Q9: =IF(COUNT(E9:P9)=0,"",SUM(E9:P9)) computed and cached by LibreOffice.
    expect(grid[8][16]).toBe(2);
  });
});

describe('files that are not readable .xlsx: a Vietnamese message naming the file, never a throw', () => {
  const cases: [string, () => Promise<Buffer> | Buffer, RegExp][] = [
    ['empty.xlsx', () => Buffer.alloc(0), /rỗng/],
    [
      'van-ban.xlsx',
      () => Buffer.from('Đây là văn bản, không phải bảng tính\n'.repeat(20)),
      /không phải tệp Excel \.xlsx/,
    ],
    [
      'cat-cut.xlsx',
      async () => {
        const full = await xlsx((ws) => {
          ws.getCell('A1').value = 1;
        });
        return full.subarray(0, Math.floor(full.length / 2));
      },
      /bị hỏng hoặc chưa tải về hết/,
    ],
    [
      'mat-khau.xlsx',
      () => {
        // An encrypted OOXML package is an OLE compound file with an "EncryptionInfo" stream.
        const b = Buffer.alloc(2048);
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
        Buffer.from('EncryptionInfo', 'utf16le').copy(b, 1024);
        Buffer.from('EncryptedPackage', 'utf16le').copy(b, 1152);
        return b;
      },
      /đặt mật khẩu/,
    ],
    [
      'cu.xlsx',
      () => {
        const b = Buffer.alloc(2048);
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
        Buffer.from('Workbook', 'utf16le').copy(b, 1024);
        return b;
      },
      /Excel đời cũ \(\.xls\)/,
    ],
    [
      'tai-lieu.xlsx',
      async () => {
        const zip = new JSZip();
        zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet');
        zip.file('content.xml', '<x/>');
        return zip.generateAsync({ type: 'nodebuffer' });
      },
      /tệp nén hoặc tài liệu khác/,
    ],
    [
      'khong-trang.xlsx',
      async () => Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer()),
      /không có trang tính nào|bị hỏng/,
    ],
  ];

  test.each(cases)('%s', async (name, make, message) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, await make());
    const o = await readWorkbookFile(file, name);
    expect(o.workbook).toBeUndefined();
    expect(o.error).toMatch(message);
    expect(o.error).toContain(name);
    expect(o.findings).toEqual([expect.objectContaining({ severity: 'error', code: 'file-unreadable', file: name })]);
  });

  test('files over the size limit are refused before loading', async () => {
    const file = path.join(dir, 'lon.xlsx');
    fs.writeFileSync(
      file,
      await xlsx((ws) => {
        ws.getCell('A1').value = 1;
      }),
    );
    const o = await readWorkbookFile(file, 'lon.xlsx', { ...READ_LIMITS, maxBytes: 1000 });
    expect(o.error).toMatch(/Tệp lon\.xlsx quá lớn .* tối đa/);
  });

  test('sheets with too many rows or columns are refused, naming the file', async () => {
    const tall = await xlsx((ws) => {
      for (let r = 1; r <= 30; r++) ws.getCell(r, 1).value = r;
    });
    const wide = await xlsx((ws) => {
      for (let c = 1; c <= 30; c++) ws.getCell(1, c).value = c;
    });
    const limits = { ...READ_LIMITS, maxRows: 20, maxCols: 20 };
    expect((await readWorkbookBuffer(tall, 'dai.xlsx', limits)).error).toMatch(/Tệp dai\.xlsx .*quá lớn/);
    expect((await readWorkbookBuffer(wide, 'rong.xlsx', limits)).error).toMatch(/Tệp rong\.xlsx .*quá lớn/);
  });

  test('unpacked size is bounded (zip bombs)', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', ' '.repeat(3_000_000));
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const o = await readWorkbookBuffer(buf, 'bom.xlsx', { ...READ_LIMITS, maxUnpackedBytes: 1_000_000 });
    expect(o.error).toMatch(/Tệp bom\.xlsx khi giải nén quá lớn/);
  });

  test('a missing file or a directory gives a message too', async () => {
    expect((await readWorkbookFile(path.join(dir, 'khong-co.xlsx'), 'khong-co.xlsx')).error).toMatch(
      /khong-co\.xlsx: không tìm thấy tệp/,
    );
    expect((await readWorkbookFile(dir, 'thu-muc.xlsx')).error).toMatch(/thu-muc\.xlsx/);
  });

  test('one bad file does not stop the others; results keep the input order', async () => {
    const good = path.join(dir, 'tot.xlsx');
    fs.writeFileSync(
      good,
      await xlsx((ws) => {
        ws.getCell('A1').value = 7;
      }),
    );
    const bad = path.join(dir, 'hong.xlsx');
    fs.writeFileSync(bad, 'not a zip');
    const files = [bad, good, bad, good].map((p, i) => ({ path: p, display: `${i}-${path.basename(p)}` }));
    const progress: number[] = [];
    const out = await readWorkbookFiles(files, { concurrency: 2, onProgress: (d) => progress.push(d) });
    expect(out.map((o) => o.file)).toEqual(['0-hong.xlsx', '1-tot.xlsx', '2-hong.xlsx', '3-tot.xlsx']);
    expect(out.map((o) => Boolean(o.workbook))).toEqual([false, true, false, true]);
    expect(out[1].workbook!.sheets[0].grid).toEqual([[7]]);
    expect(progress).toEqual([1, 2, 3, 4]);
  });
});
