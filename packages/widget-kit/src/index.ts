export type { Locale, TokenProvider, WidgetProps } from '@flywheel/contracts/widget';
export { useFeatureIsOn, useFeatureValue } from '@growthbook/growthbook-react';
export { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
export { useTranslation } from 'react-i18next';
export { useTRPC, useTrack } from './context.ts';
export { type DefinedWidget, defineWidget, type WidgetDefinition } from './define-widget.tsx';
export type { Messages } from './i18n.ts';
export { getPageSession, type PageSession } from './session.ts';
