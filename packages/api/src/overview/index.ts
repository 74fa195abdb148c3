// Overview: the growth dashboard (weekly K-factor and widget participation).
export { type GrowthWeek, growthByWeek } from './service.ts';
