// Publishable figures: the drawing with what a reader of an article needs around it, as one
// SVG (kept as vectors) or rasterised to PNG. Title, case, as-of date, the story's band
// headings, a legend of what is drawn, the data version and a source line.
import { lookOf, LINK_LOOKS, GAP, ANSWER, UNKNOWN_LINK, FONT, type LinkLook, type NodeLook } from './graphStyle';

export interface FigureBand {
  title: string;
  sub: string;
  colour: string;
  tint: string;
  y1: number;
  y2: number;
}
export interface FigureParts {
  title: string;
  /** Case, question or finding, and date, on one line. */
  subtitle: string;
  bands: FigureBand[];
  kinds: { label: string; name: string }[];
  layers: { layer: string; name: string }[];
  marks: { gap?: string; answer?: string };
  /** A large view draws every link solid (graphStyle.ts): the legend's swatches say so, as the explorer's do. */
  solidLinks?: boolean;
  /** "Data version 3 · link" */
  version: string;
  /** "Sources: …; made with Quanze" */
  sources: string;
}
/** The drawing: SVG markup or a PNG data URL, its size in figure pixels, and the graph coordinates of its top-left corner with the scale used. */
export interface Drawing {
  svg?: string;
  png?: string;
  width: number;
  height: number;
  x1: number;
  y1: number;
  scale: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const MARGIN = 24;

function swatch(look: NodeLook, x: number, y: number): string {
  const common = `fill="${look.fill}" stroke="${look.border}" stroke-width="1.5"${look.borderStyle === 'dashed' ? ' stroke-dasharray="4 3"' : look.borderStyle === 'dotted' ? ' stroke-dasharray="1.5 2"' : ''}`;
  if (look.shape === 'ellipse') return `<ellipse cx="${x + 11}" cy="${y + 8}" rx="10" ry="7" ${common}/>`;
  const poly: Record<string, string> = {
    diamond: '11,0 22,8 11,16 0,8',
    hexagon: '5,0 17,0 22,8 17,16 5,16 0,8',
    octagon: '6,0 16,0 22,5 22,11 16,16 6,16 0,11 0,5',
    tag: '0,1 15,1 22,8 15,15 0,15',
    rhomboid: '5,1 22,1 17,15 0,15',
    'round-tag': '0,1 15,1 22,8 15,15 0,15',
    vee: '0,0 11,7 22,0 11,16',
    barrel: '2,0 20,0 22,8 20,16 2,16 0,8',
  };
  if (poly[look.shape]) return `<polygon transform="translate(${x},${y})" points="${poly[look.shape]}" ${common}/>`;
  return `<rect x="${x}" y="${y + 1}" width="22" height="14" rx="${look.shape === 'round-rectangle' ? 4 : 0}" ${common}/>`;
}

/** Rough text width for laying out the legend (the figure's font at 13 px). */
const textWidth = (s: string, size = 13) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.56), 0);

/** The figure as an SVG document. */
export function figureSvg(drawing: Drawing, parts: FigureParts): string {
  const width = Math.max(drawing.width + 2 * MARGIN, 760);
  const head = 74;
  const out: string[] = [];
  // Legend rows: items flow left to right, wrapping at the figure's width.
  const items: { w: number; draw: (x: number, y: number) => string }[] = [
    ...parts.layers.map((l) => {
      const look = (LINK_LOOKS as Record<string, LinkLook | undefined>)[l.layer] ?? UNKNOWN_LINK;
      const line = parts.solidLinks ? 'solid' : look.line;
      const dash = line === 'dashed' ? ' stroke-dasharray="6 4"' : line === 'dotted' ? ' stroke-dasharray="2 3"' : '';
      return {
        w: 40 + textWidth(l.name),
        draw: (x: number, y: number) =>
          `<line x1="${x}" y1="${y + 8}" x2="${x + 28}" y2="${y + 8}" stroke="${look.colour}" stroke-width="${look.width}"${dash}/><text x="${x + 34}" y="${y + 12}">${esc(l.name)}</text>`,
      };
    }),
    ...parts.kinds.map((k) => ({
      w: 32 + textWidth(k.name),
      draw: (x: number, y: number) => `${swatch(lookOf(k.label), x, y)}<text x="${x + 28}" y="${y + 12}">${esc(k.name)}</text>`,
    })),
    ...(parts.marks.gap
      ? [
          {
            w: 32 + textWidth(parts.marks.gap),
            draw: (x: number, y: number) =>
              `<rect x="${x}" y="${y}" width="22" height="16" fill="none" stroke="${GAP}" stroke-width="2" stroke-dasharray="4 2"/><text x="${x + 28}" y="${y + 12}">${esc(parts.marks.gap!)}</text>`,
          },
        ]
      : []),
    ...(parts.marks.answer
      ? [
          {
            w: 32 + textWidth(parts.marks.answer),
            draw: (x: number, y: number) =>
              `<rect x="${x}" y="${y}" width="22" height="16" rx="4" fill="${ANSWER}" opacity="0.6"/><text x="${x + 28}" y="${y + 12}">${esc(parts.marks.answer!)}</text>`,
          },
        ]
      : []),
  ];
  const legend: string[] = [];
  let lx = MARGIN;
  let ly = 0;
  for (const item of items) {
    if (lx > MARGIN && lx + item.w > width - MARGIN) {
      lx = MARGIN;
      ly += 24;
    }
    legend.push(item.draw(lx, ly));
    lx += item.w + 18;
  }
  const legendH = items.length ? ly + 30 : 0;
  const top = head + 10;
  const graphBottom = top + drawing.height;
  const sourceLines = wrap(parts.sources, width - 2 * MARGIN, 12);
  const height = graphBottom + 16 + legendH + 10 + sourceLines.length * 17 + 22 + MARGIN;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" font-family='${FONT.replace(/'/g, '')}'>`,
  );
  out.push(`<title>${esc(parts.title)}</title>`);
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(`<text x="${MARGIN}" y="34" font-size="22" font-weight="700" fill="#1a1a1a">${esc(parts.title)}</text>`);
  out.push(`<text x="${MARGIN}" y="58" font-size="14" fill="#444444">${esc(parts.subtitle)}</text>`);
  out.push(`<line x1="${MARGIN}" y1="${head}" x2="${width - MARGIN}" y2="${head}" stroke="#1a1a1a" stroke-width="1.5"/>`);
  const gx = (width - drawing.width) / 2;
  // Bands behind the drawing, with their headings.
  for (const b of parts.bands) {
    const y1 = top + (b.y1 - drawing.y1) * drawing.scale - 26;
    const y2 = top + (b.y2 - drawing.y1) * drawing.scale + 8;
    out.push(
      `<g class="band"><rect x="${MARGIN / 2}" y="${y1}" width="${width - MARGIN}" height="${y2 - y1}" fill="${b.tint}"/><line x1="${MARGIN / 2}" y1="${y1}" x2="${width - MARGIN / 2}" y2="${y1}" stroke="${b.colour}" stroke-width="2"/>` +
        `<text x="${MARGIN}" y="${y1 + 17}" font-size="13" font-weight="700" fill="${b.colour}" letter-spacing="0.06em">${esc(b.title.toUpperCase())}</text>` +
        `<text x="${MARGIN + textWidth(b.title.toUpperCase(), 14) + 14}" y="${y1 + 17}" font-size="12" fill="#444444">${esc(b.sub)}</text></g>`,
    );
  }
  if (drawing.svg) {
    const inner = drawing.svg.replace(/<\?xml[^>]*>/, '').replace(/<!DOCTYPE[^>]*>/, '');
    out.push(`<g transform="translate(${gx},${top})">${inner.replace(/<svg\b/, `<svg x="0" y="0"`)}</g>`);
  } else if (drawing.png) {
    out.push(`<image x="${gx}" y="${top}" width="${drawing.width}" height="${drawing.height}" href="${drawing.png}" xlink:href="${drawing.png}"/>`);
  }
  out.push(`<g font-size="13" fill="#1a1a1a" transform="translate(0,${graphBottom + 16})">${legend.join('')}</g>`);
  const sy = graphBottom + 16 + legendH + 10;
  sourceLines.forEach((line, i) => out.push(`<text x="${MARGIN}" y="${sy + 12 + i * 17}" font-size="12" fill="#444444">${esc(line)}</text>`));
  out.push(`<text x="${MARGIN}" y="${sy + 12 + sourceLines.length * 17 + 4}" font-size="12" fill="#444444">${esc(parts.version)}</text>`);
  out.push('</svg>');
  return out.join('\n');
}

function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/(?<=\s)/)) {
    if (line && textWidth(line + word, size) > width) {
      lines.push(line.trim());
      line = '';
    }
    line += word;
  }
  if (line.trim()) lines.push(line.trim());
  return lines;
}

/** Rasterises an SVG figure to a PNG blob at `scale` (2 for print). */
export async function figurePng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The figure could not be drawn.'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(img.width * scale);
    canvas.height = Math.ceil(img.height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The figure could not be encoded.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
