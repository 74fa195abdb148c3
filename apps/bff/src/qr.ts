import { generate } from 'lean-qr';
import { toPngBuffer } from 'lean-qr/extras/node_export';

/**
 * A QR code of one of our own addresses, as a PNG response body. Drawn on the server so widgets
 * ship no QR encoder; callers pass only addresses they built (a share link), never free text.
 */
export function qrPng(url: string): Uint8Array<ArrayBuffer> {
  // Black on white with the standard's four-module quiet zone: on a transparent background a dark
  // theme leaves about 1.4:1 contrast, which phone cameras often fail to read.
  return new Uint8Array(toPngBuffer(generate(url), { scale: 6, padX: 4, padY: 4, on: [0, 0, 0, 255], off: [255, 255, 255, 255] }));
}

export const QR_HEADERS = { 'content-type': 'image/png', 'cache-control': 'public, max-age=3600' };
