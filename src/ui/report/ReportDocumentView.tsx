/**
 * A report document (src/model/report-doc.ts) as HTML: what the user reads on
 * screen and prints (A4 portrait through the print stylesheet). The same
 * document the PDF and the DOCX are written from.
 */
import type { Rgb } from '../../model/drawing.ts';
import type { DocCell, DocRun, ReportDocument } from '../../model/report-doc.ts';
import { SceneSvg } from './SceneSvg.tsx';

const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

function Runs({ runs }: { runs: DocRun[] }) {
  return (
    <>
      {runs.map((r, i) => (r.bold ? <strong key={i}>{r.text}</strong> : <span key={i}>{r.text}</span>))}
    </>
  );
}

function Cell({ cell }: { cell: DocCell }) {
  if (typeof cell === 'string') return <>{cell}</>;
  return (
    <>
      {cell.swatch && (
        <svg className="swatch" viewBox="0 0 10 10" aria-hidden="true">
          <rect width="10" height="10" fill={hex(cell.swatch)} stroke="#777" strokeWidth="0.6" />
        </svg>
      )}
      {cell.bold ? <strong>{cell.text}</strong> : cell.text}
    </>
  );
}

export function ReportDocumentView({ doc }: { doc: ReportDocument }) {
  return (
    <article className="report-doc" lang={doc.lang}>
      <header className="report-head">
        {doc.marking && <p className="report-marking" data-testid="report-marking">{doc.marking}</p>}
        <h1>{doc.title}</h1>
        {doc.subtitle.map((line, i) => (
          <p key={i} className="report-subtitle">
            {line}
          </p>
        ))}
      </header>
      {doc.blocks.map((b, i) => {
        switch (b.type) {
          case 'heading':
            return <h2 key={i}>{b.text}</h2>;
          case 'paragraph':
            return (
              <p key={i} className={b.style ? `report-${b.style}` : undefined}>
                <Runs runs={b.runs} />
              </p>
            );
          case 'bullets':
            return (
              <ul key={i} className="report-summary" data-testid="report-summary">
                {b.items.map((item, k) => (
                  <li key={k}>
                    <Runs runs={item} />
                  </li>
                ))}
              </ul>
            );
          case 'table':
            return (
              <section key={i} className="report-table" data-testid={`report-table-${b.id}`}>
                <h3>{b.caption}</h3>
                <table>
                  <thead>
                    <tr>
                      {b.columns.map((c, k) => (
                        <th key={k}>{c.header}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((c, k) => (
                          <td key={k} className={b.columns[k]?.align ? `align-${b.columns[k].align}` : undefined}>
                            <Cell cell={c} />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
                {!b.rows.length && b.empty && <p className="report-note">{b.empty}</p>}
                {b.note && <p className="report-note">{b.note}</p>}
              </section>
            );
          case 'figure':
            return (
              <figure key={i} className="report-figure" data-testid={`report-figure-${b.id}`}>
                <figcaption>{b.caption}</figcaption>
                <SceneSvg scene={b.scene} label={b.caption} />
                {b.note && <p className="report-note">{b.note}</p>}
              </figure>
            );
        }
      })}
    </article>
  );
}
