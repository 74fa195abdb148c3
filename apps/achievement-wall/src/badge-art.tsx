import type { BadgeDesign } from '@flywheel/contracts/achievements';
import { BADGE_SHAPE_PATHS } from '@flywheel/contracts/badge-shapes';

/** A badge's picture: a built-in shape in the marketer's colour, or their uploaded image; greyed out while locked. */
export function BadgeArt({ design, locked, size = 72 }: { design: BadgeDesign; locked: boolean; size?: number }) {
  const className = `fw-wall__art${locked ? ' fw-wall__art--locked' : ''}`;
  if (design.kind === 'upload') return <img className={className} src={design.url} alt="" width={size} height={size} />;
  const paths = BADGE_SHAPE_PATHS[design.shape];
  return (
    <svg className={className} viewBox="0 0 100 100" width={size} height={size} aria-hidden="true">
      <path d={paths.body} fill={design.color} />
      <path d={paths.mark} fill="#ffffff" fillOpacity={0.9} />
    </svg>
  );
}
