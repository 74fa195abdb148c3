import { LICENCES, type Licence, SUBMISSION_KINDS, type SubmissionKind, UGC_LIMITS } from '@flywheel/contracts/ugc-constants';
import { Button, Input, Textarea, UserHtml } from '@flywheel/ui';
import { type RouterOutputs, useBffFetch, useMutation, useQueryClient, useTRPC } from '@flywheel/widget-kit';
import { type FormEvent, useId, useRef, useState } from 'react';
import { type Translate, useT } from './messages.ts';

type Draft = RouterOutputs['ugc']['mine'][number];
type Image = { id: string; url: string; name: string };

/** The form's fields as the API names them, for the errors it answers with. */
const FIELD_LABELS = {
  kind: 'ugc.form.kind',
  title: 'ugc.form.title',
  summary: 'ugc.form.summary',
  body: 'ugc.form.body',
  tags: 'ugc.form.tags',
  imageIds: 'ugc.form.images',
  consent: 'ugc.form.consent',
} as const;

/** What the server refused, field by field, in the customer's language where we know the field. */
function problemsOf(error: unknown, t: Translate): string[] {
  const issues = (error as { data?: { issues?: { path: string; message: string }[] | null } } | null)?.data?.issues ?? [];
  return issues.map((issue) => {
    const field = issue.path.split('.')[0] as keyof typeof FIELD_LABELS;
    return t('ugc.form.fieldError', { field: field in FIELD_LABELS ? t(FIELD_LABELS[field]) : issue.path, message: issue.message });
  });
}

/** Uploads images through the BFF, which checks and re-encodes them; says in words what went wrong with one. */
function useImageUpload(onUploaded: (image: Image) => void) {
  const t = useT();
  const fetchBff = useBffFetch();
  const [uploading, setUploading] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const upload = async (files: File[]) => {
    setProblem(null);
    for (const file of files) {
      setUploading(file.name);
      try {
        const response = await fetchBff(`/api/ugc/images?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file });
        if (response.ok) onUploaded((await response.json()) as Image);
        else {
          const key =
            response.status === 413
              ? 'ugc.form.uploadTooLarge'
              : response.status === 400
                ? 'ugc.form.uploadNotImage'
                : 'ugc.form.uploadFailed';
          setProblem(t(key, { name: file.name }));
        }
      } catch {
        setProblem(t('ugc.form.uploadFailed', { name: file.name }));
      }
    }
    setUploading(null);
  };
  return { upload, uploading, problem, setProblem };
}

/**
 * Writing a submission: kind, title, summary, the body in Markdown with a preview rendered by the
 * server exactly as it will be published, tags, images, and the consent and licence publishing
 * needs. Sends it for review, or keeps it as a draft; edits a draft or a rejected one the same way.
 */
export function SubmissionForm({ draft, onDone }: { draft?: Draft; onDone: (message: string) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const body = useRef<HTMLTextAreaElement>(null);
  const [kind, setKind] = useState<SubmissionKind>(draft?.kind ?? 'tutorial');
  const [title, setTitle] = useState(draft?.title ?? '');
  const [summary, setSummary] = useState(draft?.summary ?? '');
  const [text, setText] = useState(draft?.body ?? '');
  const [tags, setTags] = useState(draft?.tags.join(', ') ?? '');
  const [images, setImages] = useState<Image[]>(draft?.images ?? []);
  const [consent, setConsent] = useState(draft?.consent.publish ?? false);
  const [licence, setLicence] = useState<Licence>(draft?.consent.licence ?? 'tenant_reuse');
  const [previewing, setPreviewing] = useState(false);
  const uploads = useImageUpload((image) => setImages((current) => [...current, image]));
  const preview = useMutation(trpc.ugc.preview.mutationOptions());
  const onSaved = (draftOnly: boolean) => {
    void queryClient.invalidateQueries({ queryKey: trpc.ugc.mine.queryKey() });
    onDone(t(draftOnly ? 'ugc.form.saved' : 'ugc.form.sent'));
  };
  const submit = useMutation(trpc.ugc.submit.mutationOptions({ onSuccess: (_, input) => onSaved(Boolean(input.draft)) }));
  const update = useMutation(trpc.ugc.update.mutationOptions({ onSuccess: (_, input) => onSaved(Boolean(input.draft)) }));
  const saving = submit.isPending || update.isPending;
  const error = submit.error ?? update.error;

  const save = (draftOnly: boolean) => {
    const input = {
      kind,
      title,
      summary,
      body: text,
      tags: tags
        .split(/[,，]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
      imageIds: images.map((image) => image.id),
      consent: { publish: consent, licence },
      draft: draftOnly,
    };
    if (draft) update.mutate({ id: draft.id, ...input });
    else submit.mutate(input);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save(false);
  };
  const insert = (image: Image) => {
    const at = body.current?.selectionStart ?? text.length;
    setText(`${text.slice(0, at)}![${image.name.replace(/[[\]]/g, '')}](image:${image.id})${text.slice(at)}`);
  };
  const addFiles = (files: File[]) => {
    const room = UGC_LIMITS.images - images.length;
    if (files.length > room) uploads.setProblem(t('ugc.form.tooManyImages', { count: UGC_LIMITS.images }));
    void uploads.upload(files.slice(0, Math.max(room, 0)));
  };
  const problems = problemsOf(error, t);

  return (
    <form className="fw-ugc__form" onSubmit={onSubmit} aria-busy={saving}>
      <fieldset className="fw-ugc__kinds">
        <legend>{t('ugc.form.kind')}</legend>
        {SUBMISSION_KINDS.map((k) => (
          <label key={k}>
            <input type="radio" name={`${ids}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`ugc.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <Input label={t('ugc.form.title')} value={title} required maxLength={UGC_LIMITS.title} onChange={(e) => setTitle(e.target.value)} />
      <Textarea
        label={t('ugc.form.summary')}
        hint={t('ugc.form.summaryHint')}
        value={summary}
        required
        rows={2}
        maxLength={UGC_LIMITS.summary}
        onChange={(e) => setSummary(e.target.value)}
      />
      <div className="fw-ugc__editor">
        <div className="fw-ugc__row">
          <Button variant="secondary" aria-pressed={!previewing} onClick={() => setPreviewing(false)}>
            {t('ugc.form.edit')}
          </Button>
          <Button
            variant="secondary"
            aria-pressed={previewing}
            onClick={() => {
              setPreviewing(true);
              preview.mutate({ body: text, imageIds: images.map((image) => image.id) });
            }}
          >
            {t('ugc.form.preview')}
          </Button>
        </div>
        {previewing ? (
          <section className="fw-ugc__preview" aria-label={t('ugc.form.preview')} aria-busy={preview.isPending}>
            {preview.data && text.trim() ? (
              <UserHtml html={preview.data.html} />
            ) : (
              <p className="fw-muted">{preview.isPending ? t('ugc.loading') : t('ugc.form.previewEmpty')}</p>
            )}
          </section>
        ) : (
          <Textarea
            ref={body}
            label={t('ugc.form.body')}
            hint={t('ugc.form.bodyHint')}
            value={text}
            required
            rows={10}
            maxLength={UGC_LIMITS.body}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </div>
      <Input label={t('ugc.form.tags')} hint={t('ugc.form.tagsHint')} value={tags} onChange={(e) => setTags(e.target.value)} />
      <div className="fw-ugc__images">
        <Input
          type="file"
          label={t('ugc.form.images')}
          hint={t('ugc.form.imagesHint', { count: UGC_LIMITS.images })}
          accept="image/jpeg,image/png,image/webp,image/gif"
          multiple
          disabled={Boolean(uploads.uploading) || images.length >= UGC_LIMITS.images}
          onChange={(e) => {
            addFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        {uploads.uploading && <p role="status">{t('ugc.form.uploading', { name: uploads.uploading })}</p>}
        {uploads.problem && <p role="alert">{uploads.problem}</p>}
        {images.length > 0 && (
          <ul className="fw-ugc__thumbs">
            {images.map((image) => (
              <li key={image.id}>
                <img src={image.url} alt={image.name} />
                <span>{image.name}</span>
                <Button variant="secondary" onClick={() => insert(image)} disabled={previewing}>
                  {t('ugc.form.insert')}
                </Button>
                <Button variant="secondary" onClick={() => setImages(images.filter((i) => i.id !== image.id))}>
                  {t('ugc.form.remove')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <label className="fw-ugc__select">
        {t('ugc.form.licence')}
        <select value={licence} onChange={(e) => setLicence(e.target.value as Licence)}>
          {LICENCES.map((l) => (
            <option key={l} value={l}>
              {t(`ugc.licence.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="fw-ugc__consent">
        <input type="checkbox" checked={consent} required onChange={(e) => setConsent(e.target.checked)} /> {t('ugc.form.consent')}
      </label>
      {error && (
        <div role="alert">
          <p>{t('ugc.form.error')}</p>
          {problems.length > 0 && (
            <ul>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="fw-ugc__row">
        <Button type="submit" disabled={saving}>
          {saving ? t('ugc.form.sending') : t('ugc.form.send')}
        </Button>
        <Button variant="secondary" disabled={saving || !title.trim() || !summary.trim() || !text.trim()} onClick={() => save(true)}>
          {t('ugc.form.draft')}
        </Button>
      </div>
    </form>
  );
}
