/**
 * The console's own copy (sign-in, layout); each domain's pages bring theirs, in its messages.ts.
 * Every key exists in both languages: the type checks zh-CN against en.
 */
export const en = {
  product: 'Flywheel console',
  loading: 'Loading…',
  retry: 'Try again',
  period: 'Period',
  lastWeeks: 'Last {{count}} weeks',
  language: 'Language',
  validation: {
    line: '{{field}}: {{problem}}',
    too_small: {
      number: 'must be at least {{minimum}}',
      string: 'needs at least {{minimum}} characters',
      array: 'needs at least {{minimum}}',
    },
    too_big: {
      number: 'must be at most {{maximum}}',
      string: 'may have at most {{maximum}} characters',
      array: 'may have at most {{maximum}}',
    },
    invalid_type: 'is missing or of the wrong kind',
    invalid_format: 'is not in the expected format',
  },
  password: {
    title: 'Change password',
    intro: 'Every other place you are signed in is signed out when you change it.',
    forced: 'You signed in with a temporary password. Choose your own to go on.',
    current: 'Current password',
    next: 'New password (at least 12 characters)',
    submit: 'Change password',
    changed: 'Your password is changed; you are signed out everywhere else.',
  },
  signIn: {
    title: 'Sign in to the Flywheel console',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    chooseTitle: 'Which console?',
    chooseIntro: '{{email}} has an account with each of these companies. Choose the one to sign in to.',
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
  period: '时间范围',
  lastWeeks: '最近 {{count}} 周',
  language: '语言',
  validation: {
    line: '{{field}}：{{problem}}',
    too_small: { number: '不能小于 {{minimum}}', string: '至少需要 {{minimum}} 个字符', array: '至少需要 {{minimum}} 项' },
    too_big: { number: '不能大于 {{maximum}}', string: '最多 {{maximum}} 个字符', array: '最多 {{maximum}} 项' },
    invalid_type: '缺失或类型不对',
    invalid_format: '格式不正确',
  },
  password: {
    title: '修改密码',
    intro: '修改后，你在其他地方的登录都会退出。',
    forced: '你使用临时密码登录。请设置自己的密码后继续。',
    current: '当前密码',
    next: '新密码（至少 12 个字符）',
    submit: '修改密码',
    changed: '密码已修改；你在其他地方的登录已退出。',
  },
  signIn: {
    title: '登录 Flywheel 控制台',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    chooseTitle: '进入哪个控制台？',
    chooseIntro: '{{email}} 在以下每家公司都有账号，请选择要登录的那一个。',
    signOut: '退出登录',
  },
  roles: {
    owner: '所有者',
    marketer: '市场',
    moderator: '审核员',
    viewer: '只读',
  },
};
