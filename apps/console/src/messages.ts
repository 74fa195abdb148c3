/**
 * The console's own copy (sign-in, layout); each domain's pages bring theirs, in its messages.ts.
 * Every key exists in both languages: the type checks zh-CN against en.
 */
export const en = {
  product: 'Flywheel console',
  loading: 'Loading…',
  retry: 'Try again',
  language: 'Language',
  signIn: {
    title: 'Sign in to the Flywheel console',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    signOut: 'Sign out',
  },
  roles: {
    owner: 'Owner',
    marketer: 'Marketer',
    moderator: 'Moderator',
    viewer: 'Viewer',
  },
};

/** The same keys as `T`, every leaf a string: what a translation must provide. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const zhCN: Shape<typeof en> = {
  product: 'Flywheel 控制台',
  loading: '加载中…',
  retry: '重试',
  language: '语言',
  signIn: {
    title: '登录 Flywheel 控制台',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    signOut: '退出登录',
  },
  roles: {
    owner: '所有者',
    marketer: '市场',
    moderator: '审核员',
    viewer: '只读',
  },
};
