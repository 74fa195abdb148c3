// No zod here: widgets import the shapes, and this module must not pull a schema library into their bundles.

export const BADGE_SHAPES = ['medal', 'shield', 'star', 'flame'] as const;

/**
 * The built-in badge designs, as SVG path data on a 100×100 canvas: one geometry for the widget
 * (React), the public page and the PNG images the server renders.
 */
export const BADGE_SHAPE_PATHS: Record<(typeof BADGE_SHAPES)[number], { body: string; mark: string }> = {
  medal: {
    body: 'M30 4h16l4 22-12 6zM70 4H54l-4 22 12 6zM50 28a34 34 0 1 1 0 68a34 34 0 1 1 0-68z',
    mark: 'M50 44l5.9 12 13.1 1.9-9.5 9.2 2.3 13L50 73.9l-11.8 6.2 2.3-13-9.5-9.2 13.1-1.9z',
  },
  shield: {
    body: 'M50 4l40 14v28c0 24-17 42-40 50C27 88 10 70 10 46V18z',
    mark: 'M32 50l12 12 24-26 6 6-30 32-18-18z',
  },
  star: {
    body: 'M50 2l14.7 29.8 32.9 4.8-23.8 23.2 5.6 32.7L50 77 20.6 92.5l5.6-32.7L2.4 36.6l32.9-4.8z',
    mark: 'M50 30a18 18 0 1 1 0 36a18 18 0 1 1 0-36z',
  },
  flame: {
    body: 'M50 2c6 18 30 30 30 58a30 30 0 0 1-60 0c0-14 8-24 14-30 0 10 4 16 10 18C44 34 40 18 50 2z',
    mark: 'M50 56c4 8 12 12 12 22a12 12 0 0 1-24 0c0-8 6-12 12-22z',
  },
};
