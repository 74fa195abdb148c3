// UGC showcase: customers' case studies, tutorials and works; their images; moderation; likes;
// the gallery and its featured lead. Other domains use only what this file exports.
export { diskMediaStore, type MediaStore, type S3Options, s3MediaStore } from './media.ts';
export { publicGallery, publicSubmission, uploadAs } from './public.ts';
export { ugcReactions } from './reactions.ts';
export { imageFile, imageKeysOf, submissionsPage } from './submissions.ts';
export type { Card } from './views.ts';
