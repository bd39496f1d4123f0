/**
 * Writes a report (src/model/report-doc.ts) as a Word document (.docx,
 * WordprocessingML zipped with fflate): real headings (Title, Heading 1 with
 * outline levels, so Word's navigation pane lists them), bulleted summary,
 * real Word tables whose header row repeats on every page, the maps as PNG
 * images at print resolution, A4 portrait with the margins of an
 * administrative document, "Trang n/N" in the footer (PAGE and NUMPAGES
 * fields) and the protective marking in the header. Text is Times New Roman,
 * which every office PC has and Vietnamese administrative documents use; an
 * officer can paste any section into their own report.
 *
 * Why not the `docx` package: it would add ~0.5 MB of minified JavaScript to
 * the portable folder's one script for what is a few hundred lines of XML.
 */
import { strToU8, zipSync } from 'fflate';
import type { MeasureText, Rgb, Scene } from '../../model/drawing.ts';
import type { DocCell, DocColumn, DocRun, ReportDocument } from '../../model/report-doc.ts';
import { tableColumnWidths, type TableLayout } from './pdf.ts';

/** A figure's image: PNG bytes and the size to show it at, in points. */
export interface DocxImage {
  png: Uint8Array;
  width: number;
  height: number;
}

const TWIPS_PER_PT = 20;
const EMU_PER_PT = 12700;
/** A4 portrait and margins (left 25 mm, right 15 mm, top and bottom 20 mm), in twips. */
const PAGE = { w: 11906, h: 16838, left: 1418, right: 851, top: 1134, bottom: 1134 };
const CONTENT_TWIPS = PAGE.w - PAGE.left - PAGE.right;

/** Text made safe for XML: escaped, and stripped of characters XML 1.0 forbids. */
export function xmlText(s: string): string {
  let clean = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000) clean += ch;
  }
  return clean
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const hex = (c: Rgb) => c.map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();

function run(text: string, opts: { bold?: boolean; size?: number; color?: string; shade?: string } = {}): string {
  const props = [
    opts.bold ? '<w:b/>' : '',
    opts.color ? `<w:color w:val="${opts.color}"/>` : '',
    opts.size ? `<w:sz w:val="${opts.size * 2}"/><w:szCs w:val="${opts.size * 2}"/>` : '',
    opts.shade ? `<w:shd w:val="clear" w:color="auto" w:fill="${opts.shade}"/>` : '',
  ].join('');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

function paragraph(runs: string, style?: string, extra = ''): string {
  const pPr = style || extra ? `<w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${extra}</w:pPr>` : '';
  return `<w:p>${pPr}${runs}</w:p>`;
}

function runsOf(runs: DocRun[]): string {
  return runs.map((r) => run(r.text, { bold: r.bold })).join('');
}

function cellXml(c: DocCell, width: number, align: DocColumn['align'], header: boolean): string {
  const v = typeof c === 'string' ? { text: c } : c;
  const swatch = typeof c !== 'string' && c.swatch ? run('\u00a0\u00a0\u00a0', { shade: hex(c.swatch) }) + run('\u00a0') : '';
  const jc = !header && align && align !== 'left' ? `<w:jc w:val="${align === 'right' ? 'right' : 'center'}"/>` : '';
  const shade = header ? '<w:shd w:val="clear" w:color="auto" w:fill="ECF0F5"/>' : '';
  return `<w:tc><w:tcPr><w:tcW w:w="${Math.round(width)}" w:type="dxa"/>${shade}</w:tcPr>${paragraph(swatch + run(v.text, { bold: header || (typeof c !== 'string' && c.bold) }), 'TableText', jc)}</w:tc>`;
}

/** Table text size (pt), as the TableText style says. */
const TABLE_PT = 10;
/** A cell's margins (60 twips a side) and its swatch (four no-break spaces, a quarter em each), in points. */
const CELL_MARGINS_PT = 6;
const SWATCH_PT = TABLE_PT;

/**
 * The DOCX tables' layout for tableColumnWidths. The widths are measured in the
 * report's own font (Be Vietnam Pro), which is wider than the Times New Roman
 * the document asks for: a column is then a little wider than its longest word
 * needs, never narrower.
 */
export const DOCX_TABLE: TableLayout = {
  size: TABLE_PT,
  total: CONTENT_TWIPS / TWIPS_PER_PT,
  chrome: (c) => CELL_MARGINS_PT + (typeof c !== 'string' && c.swatch ? SWATCH_PT : 0),
};

function table(columns: DocColumn[], rows: DocCell[][], measure: MeasureText): string {
  // Each column at least as wide as its longest word: LibreOffice keeps the grid's widths (by
  // weight alone they cut "Weak" as "W / eak" and "2021*" as "202 / 1*").
  const widths = tableColumnWidths(columns, rows, measure, DOCX_TABLE).map((w) => w * TWIPS_PER_PT);
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="AAB0BA"/>`;
  const tblPr =
    // Word's own layout (autofit), the widths as preferred widths: Word also keeps every column
    // at least as wide as its longest word in the font it draws with.
    `<w:tblPr><w:tblW w:w="${CONTENT_TWIPS}" w:type="dxa"/><w:tblLayout w:type="autofit"/>` +
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
    `<w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>`;
  const grid = `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${Math.round(w)}"/>`).join('')}</w:tblGrid>`;
  const head = `<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>${columns.map((c, i) => cellXml(c.header, widths[i], 'left', true)).join('')}</w:tr>`;
  const body = rows.map((r) => `<w:tr><w:trPr><w:cantSplit/></w:trPr>${r.map((c, i) => cellXml(c, widths[i], columns[i].align, false)).join('')}</w:tr>`).join('');
  return `<w:tbl>${tblPr}${grid}${head}${body}</w:tbl>`;
}

function drawing(rel: string, id: number, img: DocxImage, name: string): string {
  // Never wider than the text column.
  const k = Math.min(1, CONTENT_TWIPS / TWIPS_PER_PT / img.width);
  const cx = Math.round(img.width * k * EMU_PER_PT);
  const cy = Math.round(img.height * k * EMU_PER_PT);
  return (
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/>` +
    `<wp:docPr id="${id}" name="${xmlText(name)}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>` +
    `<pic:nvPicPr><pic:cNvPr id="${id}" name="${xmlText(name)}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    `</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
  );
}

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function styles(lang: string): string {
  const style = (id: string, name: string, body: string, type = 'paragraph') =>
    `<w:style w:type="${type}" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:qFormat/>${body}</w:style>`;
  return (
    `${XML_HEAD}<w:styles ${NS}>` +
    `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>` +
    `<w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="${lang}" w:eastAsia="${lang}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="288" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>` +
    style('Title', 'Title', '<w:pPr><w:jc w:val="center"/><w:spacing w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr>') +
    style('Subtitle', 'Subtitle', '<w:pPr><w:jc w:val="center"/><w:spacing w:after="20"/></w:pPr><w:rPr><w:color w:val="4A5260"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>') +
    style('Heading1', 'heading 1', '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>') +
    style('Caption', 'caption', '<w:pPr><w:keepNext/><w:spacing w:before="160" w:after="60"/><w:jc w:val="left"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>') +
    style('TableText', 'Table Text', '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="' + TABLE_PT * 2 + '"/><w:szCs w:val="' + TABLE_PT * 2 + '"/></w:rPr>') +
    style('Note', 'Note', '<w:pPr><w:spacing w:before="40" w:after="120"/></w:pPr><w:rPr><w:i/><w:color w:val="4A5260"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>') +
    style('ListBullet', 'List Bullet', '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:ind w:left="360" w:hanging="360"/></w:pPr>') +
    style('Footer', 'footer', '<w:pPr><w:tabs><w:tab w:val="right" w:pos="' + CONTENT_TWIPS + '"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/><w:color w:val="555C68"/></w:rPr>') +
    `</w:styles>`
  );
}

const NUMBERING =
  `${XML_HEAD}<w:numbering ${NS}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>` +
  `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/>` +
  `<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;

/**
 * The report as a .docx file. `images` holds a PNG for each figure (by the
 * figure's id), drawn from its scene (src/io/report/raster.ts).
 */
export function reportToDocx(doc: ReportDocument, images: Record<string, DocxImage>, measure: MeasureText): Uint8Array {
  const lang = doc.lang === 'vi' ? 'vi-VN' : 'en-GB';
  const body: string[] = [];
  const rels: string[] = [
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
    '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>',
    '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>',
    '<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>',
  ];
  const files: Record<string, Uint8Array> = {};
  body.push(paragraph(run(doc.title), 'Title'));
  for (const line of doc.subtitle) body.push(paragraph(run(line), 'Subtitle'));
  let imageNo = 0;
  for (const b of doc.blocks) {
    switch (b.type) {
      case 'heading':
        body.push(paragraph(run(b.text), 'Heading1'));
        break;
      case 'paragraph':
        body.push(paragraph(runsOf(b.runs), b.style === 'note' || b.style === 'small' ? 'Note' : undefined));
        break;
      case 'bullets':
        for (const item of b.items) body.push(paragraph(runsOf(item), 'ListBullet'));
        break;
      case 'table':
        body.push(paragraph(run(b.caption), 'Caption'));
        body.push(table(b.columns, b.rows, measure));
        if (!b.rows.length && b.empty) body.push(paragraph(run(b.empty), 'Note'));
        if (b.note) body.push(paragraph(run(b.note), 'Note'));
        else body.push(paragraph('', undefined, '<w:spacing w:after="0"/>'));
        break;
      case 'figure': {
        body.push(paragraph(run(b.caption), 'Caption'));
        const img = images[b.id];
        if (img) {
          imageNo++;
          const rel = `rIdImg${imageNo}`;
          files[`word/media/figure${imageNo}.png`] = img.png;
          rels.push(`<Relationship Id="${rel}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/figure${imageNo}.png"/>`);
          body.push(paragraph(drawing(rel, imageNo, img, b.caption), undefined, '<w:jc w:val="center"/>'));
        }
        if (b.note) body.push(paragraph(run(b.note), 'Note'));
        break;
      }
    }
  }
  let headerRef = '';
  if (doc.marking) {
    rels.push('<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>');
    headerRef = '<w:headerReference w:type="default" r:id="rIdHeader"/>';
    files['word/header1.xml'] = strToU8(
      `${XML_HEAD}<w:hdr ${NS}>${paragraph(run(doc.marking, { bold: true, color: 'B30000' }), undefined, '<w:jc w:val="right"/>')}</w:hdr>`,
    );
  }
  const field = (instr: string) => `<w:fldSimple w:instr=" ${instr} "><w:r><w:t>1</w:t></w:r></w:fldSimple>`;
  files['word/footer1.xml'] = strToU8(
    `${XML_HEAD}<w:ftr ${NS}>${paragraph(
      run(doc.footer) + '<w:r><w:tab/></w:r>' + run(doc.pageLabel.before) + field('PAGE') + run(doc.pageLabel.between) + field('NUMPAGES'),
      'Footer',
    )}</w:ftr>`,
  );
  const sect =
    `<w:sectPr>${headerRef}<w:footerReference w:type="default" r:id="rIdFooter"/>` +
    `<w:pgSz w:w="${PAGE.w}" w:h="${PAGE.h}"/><w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`;
  files['word/document.xml'] = strToU8(`${XML_HEAD}<w:document ${NS}><w:body>${body.join('')}${sect}</w:body></w:document>`);
  files['word/styles.xml'] = strToU8(styles(lang));
  files['word/numbering.xml'] = strToU8(NUMBERING);
  files['word/settings.xml'] = strToU8(`${XML_HEAD}<w:settings ${NS}><w:defaultTabStop w:val="720"/><w:themeFontLang w:val="${lang}"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`);
  files['word/_rels/document.xml.rels'] = strToU8(`${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  files['docProps/core.xml'] = strToU8(
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
      `<dc:title>${xmlText(doc.title)}</dc:title><dc:subject>${xmlText(doc.subtitle[0] ?? '')}</dc:subject><dc:language>${lang}</dc:language><dc:creator>movement atlas</dc:creator></cp:coreProperties>`,
  );
  files['docProps/app.xml'] = strToU8(`${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>movement atlas</Application></Properties>`);
  files['_rels/.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>',
  );
  const override = (part: string, type: string) => `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-${type}"/>`;
  files['[Content_Types].xml'] = strToU8(
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>' +
      override('word/document.xml', 'officedocument.wordprocessingml.document.main+xml') +
      override('word/styles.xml', 'officedocument.wordprocessingml.styles+xml') +
      override('word/numbering.xml', 'officedocument.wordprocessingml.numbering+xml') +
      override('word/settings.xml', 'officedocument.wordprocessingml.settings+xml') +
      override('word/footer1.xml', 'officedocument.wordprocessingml.footer+xml') +
      (doc.marking ? override('word/header1.xml', 'officedocument.wordprocessingml.header+xml') : '') +
      override('docProps/core.xml', 'package.core-properties+xml') +
      override('docProps/app.xml', 'officedocument.extended-properties+xml') +
      '</Types>',
  );
  // A fixed date keeps the same report byte-for-byte the same; [Content_Types].xml goes first, as Word expects.
  const mtime = new Date(Date.UTC(2025, 0, 1));
  const ordered: Record<string, [Uint8Array, { mtime: Date; level: 0 | 6 }]> = {};
  for (const name of ['[Content_Types].xml', ...Object.keys(files).filter((n) => n !== '[Content_Types].xml').sort()]) {
    ordered[name] = [files[name], { mtime, level: name.endsWith('.png') ? 0 : 6 }];
  }
  return zipSync(ordered);
}

/** The PNG of every figure of a document, drawn at `dpi` by `draw`. */
export function figureImages(doc: ReportDocument, draw: (scene: Scene) => Uint8Array): Record<string, DocxImage> {
  const out: Record<string, DocxImage> = {};
  for (const b of doc.blocks) if (b.type === 'figure') out[b.id] = { png: draw(b.scene), width: b.scene.width, height: b.scene.height };
  return out;
}
