import { Badge, Button, Dialog, List, useToast } from '@flywheel/ui';
import { type RouterOutputs, useMutation, useQueryClient, useTRPC } from '@flywheel/widget-kit';
import { useState } from 'react';
import { type Translate, useT } from './messages.ts';

type Wall = RouterOutputs['achievements']['wall'];
type Item = Wall['catalogue'][number];

/** The server's refusal, in the customer's words: it names the field and gives the numbers. */
function refusal(t: Translate, message: string, item: Item, available: number) {
  if (message.includes('not enough points')) return t('wall.bank.short', { have: available, need: item.price });
  if (message.includes('out of stock')) return t('wall.bank.soldOut');
  if (message.includes('needs level')) return t('wall.bank.level', { level: item.minLevel });
  if (message.includes('freezes')) return t('wall.bank.freezesFull');
  if (message.includes('most times')) return t('wall.bank.limit');
  return t('wall.bank.error');
}

/** Why an item cannot be redeemed right now, before the customer tries; null when it can. */
function blocker(t: Translate, item: Item, wall: Wall) {
  if (item.stock === 0) return t('wall.bank.soldOut');
  if (wall.level.level < item.minLevel) return t('wall.bank.level', { level: item.minLevel });
  if (wall.points.available < item.price) return t('wall.bank.short', { have: wall.points.available, need: item.price });
  return null;
}

/** Spending points: one confirm per redemption, one idempotency key per confirm (a retry redeems once). */
function ConfirmRedeem({ item, wall, onClose }: { item: Item; wall: Wall; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const redeem = useMutation(
    trpc.achievements.redeem.mutationOptions({
      onSuccess: (redemption) => {
        toast.show(
          redemption.code
            ? t('wall.bank.doneCode', { item: item.name, code: redemption.code })
            : t(`wall.bank.done.${redemption.status}`, { item: item.name }),
        );
        void queryClient.invalidateQueries({ queryKey: trpc.achievements.wall.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.points.history.pathKey() });
        onClose();
      },
    }),
  );
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('wall.bank.confirmTitle', { item: item.name })}
      closeLabel={t('wall.close')}
      actions={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('wall.cancel')}
          </Button>
          <Button
            disabled={redeem.isPending}
            aria-busy={redeem.isPending}
            onClick={() => redeem.mutate({ rewardId: item.id, idempotencyKey })}
          >
            {t('wall.bank.confirm', { price: item.price })}
          </Button>
        </>
      }
    >
      <p>{t('wall.bank.confirmText', { price: item.price, item: item.name, left: wall.points.available - item.price })}</p>
      {redeem.isError && <p role="alert">{refusal(t, redeem.error.message, item, wall.points.available)}</p>}
    </Dialog>
  );
}

export function PointsBank({ wall }: { wall: Wall }) {
  const t = useT();
  const [confirming, setConfirming] = useState<Item | null>(null);
  if (wall.catalogue.length === 0) return <p>{t('wall.bank.empty')}</p>;
  return (
    <>
      <List
        label={t('wall.tabs.bank')}
        items={wall.catalogue}
        render={(item) => {
          const blocked = blocker(t, item, wall);
          return {
            key: item.id,
            content: (
              <div className="fw-wall__item">
                <div>
                  <strong>{item.name}</strong> <Badge tone="primary">{t('wall.points.count', { count: item.price })}</Badge>
                  <p className="fw-muted">{item.description}</p>
                  {item.stock !== null && item.stock > 0 && <p className="fw-muted">{t('wall.bank.stock', { count: item.stock })}</p>}
                  {blocked && <p className="fw-muted">{blocked}</p>}
                </div>
                <Button
                  disabled={blocked !== null}
                  onClick={() => setConfirming(item)}
                  aria-label={t('wall.bank.redeemItem', { item: item.name })}
                >
                  {t('wall.bank.redeem')}
                </Button>
              </div>
            ),
          };
        }}
      />
      {confirming && <ConfirmRedeem item={confirming} wall={wall} onClose={() => setConfirming(null)} />}
    </>
  );
}
