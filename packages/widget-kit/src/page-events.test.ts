import type { PageEvent } from '@flywheel/contracts/widget';
import { afterEach, describe, expect, it } from 'vitest';
import { domainEventHappened, onPageEvent, widgetTracked } from './page-events.ts';

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function heard(type: PageEvent['type']) {
  const events: PageEvent[] = [];
  stops.push(onPageEvent(type, (event) => events.push(event)));
  return events;
}

describe('page events', () => {
  it('tell the host page about the customer’s rewards, badges, milestones and submissions, and nothing else', () => {
    const badges = heard('badge');
    const rewards = heard('reward');
    const milestones = heard('milestone');
    const submissions = heard('submission');
    for (const name of ['badge_awarded', 'reward_approved', 'milestone_completed', 'ugc_published', 'referral_signed_up', null]) {
      domainEventHappened(name);
    }
    expect(badges).toEqual([{ type: 'badge', event: 'badge_awarded' }]);
    expect(rewards).toEqual([{ type: 'reward', event: 'reward_approved' }]);
    expect(milestones).toEqual([{ type: 'milestone', event: 'milestone_completed' }]);
    expect(submissions).toEqual([{ type: 'submission', event: 'ugc_published' }]);
  });

  it('pass on shares with their channel, and stop when the host unsubscribes', () => {
    const shares: PageEvent[] = [];
    const stop = onPageEvent('share', (event) => shares.push(event));
    widgetTracked('badge_shared', { award_id: 'a', channel: 'linkedin' });
    widgetTracked('ugc_item_opened', { submission_id: 's' });
    widgetTracked('referral_link_copied', undefined);
    stop();
    widgetTracked('badge_shared', { channel: 'x' });
    expect(shares).toEqual([
      { type: 'share', event: 'badge_shared', channel: 'linkedin' },
      { type: 'share', event: 'referral_link_copied', channel: null },
    ]);
  });
});
