import type { AppRouter } from '@flywheel/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type { Locale, TokenProvider, WidgetProps } from '@flywheel/contracts/widget';
/** What each procedure returns and takes, typed by the real router. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export { useFeatureIsOn, useFeatureValue } from '@growthbook/growthbook-react';
export { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
export { useTranslation } from 'react-i18next';
export { useBffFetch, useTRPC, useTrack } from './context.ts';
export { type DefinedWidget, defineWidget, type WidgetDefinition } from './define-widget.tsx';
export type { Messages } from './i18n.ts';
export { defineMessages, type MessageCatalogue, messageProblems, type Translate, useLocale } from './messages.ts';
export { onPageEvent } from './page-events.ts';
export { cursorPages, pagedItems } from './pagination.ts';
export { type QueryLike, QueryState } from './query-state.tsx';
export { retryUnlessClientError } from './retry.ts';
export { formatReward } from './rewards.ts';
export { getPageSession, type PageSession } from './session.ts';
export { useBrowserTimeZone } from './time-zone.ts';
