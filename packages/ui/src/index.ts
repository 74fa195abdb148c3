export { Button, Card, EmptyState, Input, List, Skeleton, type Tab, Tabs, ToastProvider, useToast } from './components.tsx';
export { uiStyles } from './styles.ts';
