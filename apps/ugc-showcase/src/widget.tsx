import { Card, EmptyState, Tabs, useToast } from '@flywheel/ui';
import type { WidgetProps } from '@flywheel/widget-kit';
import { useState } from 'react';
import { SubmissionForm } from './form.tsx';
import { Gallery } from './gallery.tsx';
import { StoryPage } from './item.tsx';
import { useT } from './messages.ts';
import { MySubmissions } from './mine.tsx';

/**
 * The UGC showcase: the gallery of what customers published (for visitors too), a story opened,
 * and, for a signed-in customer, their own submissions and the form to share one. Everything a
 * customer wrote reaches the page only as the server sanitized it.
 */
export function UgcShowcase({ getToken }: WidgetProps) {
  const t = useT();
  const toast = useToast();
  const signedIn = Boolean(getToken);
  const [open, setOpen] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const signIn = <EmptyState title={t('ugc.mine.signIn')} />;
  if (open) {
    return (
      <Card title={t('ugc.title')}>
        <StoryPage id={open} signedIn={signedIn} onBack={() => setOpen(null)} />
      </Card>
    );
  }
  return (
    <Card title={t('ugc.title')}>
      <Tabs
        label={t('ugc.title')}
        tabs={[
          { id: 'gallery', label: t('ugc.tabs.gallery'), panel: <Gallery onOpen={setOpen} /> },
          {
            id: 'mine',
            label: t('ugc.tabs.mine'),
            panel: signedIn ? <MySubmissions onOpen={setOpen} onDone={(message) => toast.show(message)} /> : signIn,
          },
          {
            id: 'submit',
            label: t('ugc.tabs.submit'),
            panel: signedIn ? (
              <SubmissionForm
                key={sent}
                onDone={(message) => {
                  toast.show(message);
                  // A fresh form for the next story.
                  setSent((n) => n + 1);
                }}
              />
            ) : (
              signIn
            ),
          },
        ]}
      />
    </Card>
  );
}
