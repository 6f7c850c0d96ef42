/**
 * Text on a risk level's colour (the organization chooses the colours, 6.1.2): black or white, whichever
 * contrasts more, so every level label meets WCAG 2.1 AA whatever colour was picked.
 */

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2.1 relative luminance of #rrggbb, or null for anything else. */
export function relativeLuminance(hex: string): number | null {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return null;
  const [r, g, b] = [match[1]!, match[2]!, match[3]!].map((h) => channel(parseInt(h, 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (#rrggbb), 1..21; an unreadable colour counts as white. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a) ?? 1;
  const lb = relativeLuminance(b) ?? 1;
  const [hi, lo] = la > lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background`; one of them always reaches at least 4.58:1. */
export function readableTextColour(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}
