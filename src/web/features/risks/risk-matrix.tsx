/**
 * The risk matrix (ISO/IEC 27001:2022 6.1.2 d: risk levels from likelihood × impact): likelihood rows
 * with the highest at the top, impact columns rising to the right, each cell coloured by its risk level.
 * Used by the method editor's live preview, the assessment form (highlight of the chosen cell) and the
 * heat maps (counts per cell). Accessible: a real table with row and column headers, every cell names
 * its level in text (colour is never the only signal), and text colour is chosen for WCAG AA contrast
 * against the level's colour.
 */
import { UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { TableCaption } from '../../ui/data-table.js';
import { readableTextColour } from './level-colour.js';
import { methodMessages as m } from './method-messages.js';
import classes from './risk-matrix.module.css';

export interface MatrixScaleLevel {
  value: number;
  label: string;
}

export interface MatrixLevel {
  key: string;
  label: string;
  colour: string;
}

/** What the matrix draws: a method, or anything shaped like one (a heat map, a draft in the editor). */
export interface MatrixShape {
  likelihood: readonly MatrixScaleLevel[];
  impact: readonly MatrixScaleLevel[];
  levels: readonly MatrixLevel[];
  /** matrix[likelihood − 1][impact − 1] = a level key. */
  matrix: readonly (readonly string[])[];
}

export interface MatrixCell {
  likelihood: number;
  impact: number;
  /** The cell's level key ('' when the matrix does not name one yet, e.g. a draft being edited). */
  levelKey: string;
  level: MatrixLevel | null;
  count: number | null;
}

export interface RiskMatrixProps {
  method: MatrixShape;
  /** Table caption: what the matrix shows (e.g. "Current risk heat map"). */
  caption: ReactNode;
  /** The cell of an assessment being made (assessment form). */
  highlight?: { likelihood: number; impact: number } | null;
  /** Count per cell (heat map): counts[likelihood − 1][impact − 1]. */
  counts?: readonly (readonly number[])[];
  /** Makes every cell a button (method editor: set the cell's level; heat map: drill down). */
  onCellClick?: (cell: MatrixCell) => void;
  /**
   * Wraps a cell's content, e.g. in a link to the register filtered to it. Ignored when onCellClick is set.
   * `description` names the cell (likelihood × impact) for screen readers: put it inside the link as
   * hidden text rather than replacing the visible text with an aria-label.
   */
  renderCellLink?: (cell: MatrixCell, content: ReactNode, description: string) => ReactNode;
  /** Problems per cell, keyed `${likelihood}.${impact}` (1-based), shown on the cell and in its name. */
  cellIssues?: Readonly<Record<string, string>>;
  /** Smaller cells (inside a form). */
  isCompact?: boolean;
  /** Show the level colour legend under the table. */
  hasLegend?: boolean;
  testId?: string;
}

const EMPTY_COLOUR = '#f1f3f5';

/** The accessible name of a cell: "Likelihood 4 Likely × impact 3 Moderate: High, 2 risks". */
export function cellName(method: MatrixShape, cell: MatrixCell): string {
  const l = method.likelihood[cell.likelihood - 1];
  const i = method.impact[cell.impact - 1];
  return m.matrixCellName({
    likelihood: cell.likelihood,
    likelihoodLabel: l?.label ?? '',
    impact: cell.impact,
    impactLabel: i?.label ?? '',
    level: cell.level?.label ?? null,
    count: cell.count,
  });
}

export function RiskMatrix({ method, caption, highlight, counts, onCellClick, renderCellLink, cellIssues, isCompact, hasLegend, testId }: RiskMatrixProps) {
  const levelsByKey = new Map(method.levels.map((level) => [level.key, level]));
  const rows = [...method.likelihood].sort((a, b) => b.value - a.value);
  const columns = [...method.impact].sort((a, b) => a.value - b.value);

  return (
    <div className={classes.wrap}>
      <table className={classes.table} data-compact={isCompact || undefined} data-testid={testId ?? 'risk-matrix'}>
        <TableCaption>{caption}</TableCaption>
        <thead>
          <tr>
            <th scope="col" className={classes.axisTitle}>
              {m.matrixCorner}
            </th>
            <th scope="colgroup" colSpan={columns.length} className={classes.axisTitle}>
              {m.matrixImpactAxis}
            </th>
          </tr>
          <tr>
            <td aria-hidden />
            {columns.map((column) => (
              <th key={column.value} scope="col" className={classes.colHeader} data-testid="matrix-impact-header">
                <span className={classes.value}>{column.value}</span>
                <span className={classes.scaleLabel}>{column.label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.value} data-likelihood={row.value}>
              <th scope="row" className={classes.rowHeader} data-testid="matrix-likelihood-header">
                <span className={classes.value}>
                  <VisuallyHidden>{m.likelihood} </VisuallyHidden>
                  {row.value}
                </span>
                <span className={classes.scaleLabel}>{row.label}</span>
              </th>
              {columns.map((column) => {
                const levelKey = method.matrix[row.value - 1]?.[column.value - 1] ?? '';
                const level = levelsByKey.get(levelKey) ?? null;
                const count = counts ? (counts[row.value - 1]?.[column.value - 1] ?? 0) : null;
                const cell: MatrixCell = { likelihood: row.value, impact: column.value, levelKey, level, count };
                const issue = cellIssues?.[`${row.value}.${column.value}`];
                const isHighlighted = highlight?.likelihood === row.value && highlight?.impact === column.value;
                const background = level?.colour ?? EMPTY_COLOUR;
                const name = cellName(method, cell) + (isHighlighted ? `, ${m.matrixSelected}` : '') + (issue ? `. ${issue}` : '');
                const content = (
                  <>
                    {count !== null && <span className={classes.count}>{count}</span>}{' '}
                    <span className={classes.levelLabel}>{level?.label ?? (levelKey || m.matrixNoLevel)}</span>
                    {isHighlighted && <VisuallyHidden>{m.matrixSelected}</VisuallyHidden>}
                    {issue && <VisuallyHidden>{issue}</VisuallyHidden>}
                  </>
                );
                return (
                  <td
                    key={column.value}
                    className={classes.cell}
                    style={{ backgroundColor: background, color: readableTextColour(background) }}
                    data-highlight={isHighlighted || undefined}
                    data-invalid={issue ? true : undefined}
                    data-testid={`matrix-cell-${row.value}-${column.value}`}
                    data-level={levelKey}
                    data-count={count ?? undefined}
                    aria-current={isHighlighted ? 'true' : undefined}
                    title={issue ?? undefined}
                  >
                    {onCellClick ? (
                      <UnstyledButton className={`${classes.cellContent} ${classes.cellButton}`} onClick={() => onCellClick(cell)} aria-label={name} data-testid={`matrix-button-${row.value}-${column.value}`}>
                        {content}
                      </UnstyledButton>
                    ) : renderCellLink ? (
                      renderCellLink(cell, content, name)
                    ) : (
                      <div className={classes.cellContent}>{content}</div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {hasLegend && <MatrixLegend levels={method.levels} />}
    </div>
  );
}

/** The level colours with their labels (the table already says each cell's level in text). */
export function MatrixLegend({ levels }: { levels: readonly MatrixLevel[] }) {
  return (
    <ul className={classes.legend} aria-label={m.matrixLegend} style={{ listStyle: 'none', padding: 0 }}>
      {levels.map((level) => (
        <li key={level.key}>
          <span className={classes.swatch} style={{ backgroundColor: level.colour }} aria-hidden />
          {level.label}
        </li>
      ))}
    </ul>
  );
}

export { contrastRatio, readableTextColour } from './level-colour.js';

/** The class for a link or button filling a cell (for `renderCellLink`). */
export const matrixCellContentClass = classes.cellContent;
/** A grid for several matrices side by side. */
export const matrixSideBySideClass = classes.sideBySide;
