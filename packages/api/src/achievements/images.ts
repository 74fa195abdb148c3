import { crc32 } from 'node:zlib';
import { BADGE_SHAPE_PATHS, type BadgeDesign } from '@flywheel/contracts/achievements';
import { Resvg } from '@resvg/resvg-js';

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/**
 * A built-in design as SVG elements on the 100×100 canvas. An uploaded image is not fetched by
 * the server (the address is the tenant's, and fetching it would be a request to anywhere):
 * its PNGs show the medal in a neutral colour instead.
 */
export function badgeShapeSvg(design: BadgeDesign): string {
  const { shape, color } = design.kind === 'builtin' ? design : { shape: 'medal' as const, color: '#57606a' };
  const paths = BADGE_SHAPE_PATHS[shape];
  return `<path d="${paths.body}" fill="${color}"/><path d="${paths.mark}" fill="#ffffff" fill-opacity="0.9"/>`;
}

function render(svg: string, width: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } })
    .render()
    .asPng();
}

/** The badge alone, square. */
export function badgePng(design: BadgeDesign, size = 512): Buffer {
  return render(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${badgeShapeSvg(design)}</svg>`, size);
}

/** Lines of at most `max` characters, broken between words (anywhere in text without spaces), the last one cut with an ellipsis. */
function wrap(text: string, max: number, lines: number): string[] {
  const words = text.includes(' ') ? text.split(/\s+/) : Array.from(text);
  const joiner = text.includes(' ') ? ' ' : '';
  const out: string[] = [''];
  for (const word of words) {
    const current = out[out.length - 1] ?? '';
    if (current && (current + joiner + word).length > max) out.push(word);
    else out[out.length - 1] = current ? current + joiner + word : word;
  }
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  kept[lines - 1] = `${(kept[lines - 1] ?? '').slice(0, max - 1)}…`;
  return kept;
}

/** The 1200×630 Open Graph card of a public badge page: the badge, its name, who earned it and from whom. */
export function openGraphPng(card: { design: BadgeDesign; title: string; subtitle: string; issuer: string }): Buffer {
  const line = (text: string, max: number) => escapeXml(text.length > max ? `${text.slice(0, max - 1)}…` : text);
  const subtitle = wrap(card.subtitle, 34, 2)
    .map((text, i) => `<tspan x="500" dy="${i === 0 ? 0 : 46}">${escapeXml(text)}</tspan>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f6f8fa"/><stop offset="1" stop-color="#dbe4ee"/></linearGradient></defs>
  <rect width="1200" height="630" fill="url(#bg)"/>
  <g transform="translate(90 145) scale(3.4)">${badgeShapeSvg(card.design)}</g>
  <text x="500" y="270" font-size="64" font-weight="bold" fill="#1f2328">${line(card.title, 24)}</text>
  <text x="500" y="350" font-size="36" fill="#424a53">${subtitle}</text>
  <text x="500" y="520" font-size="30" fill="#57606a">${line(card.issuer, 48)}</text>
</svg>`;
  return render(svg, 1200);
}

/**
 * Bakes a credential into a PNG (Open Badges baking): an `iTXt` chunk with the keyword
 * `openbadgecredential` and the compact VC-JWT as its text, inserted before `IEND`.
 */
export function bakePng(png: Buffer, credentialJwt: string): Buffer {
  const data = Buffer.concat([
    Buffer.from('openbadgecredential\0', 'latin1'),
    Buffer.from([0, 0]),
    Buffer.from('\0\0', 'latin1'),
    Buffer.from(credentialJwt, 'utf8'),
  ]);
  const type = Buffer.from('iTXt', 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  const iend = png.length - 12; // IEND is always the last 12 bytes: length, type, no data, CRC.
  return Buffer.concat([png.subarray(0, iend), length, type, data, crc, png.subarray(iend)]);
}
