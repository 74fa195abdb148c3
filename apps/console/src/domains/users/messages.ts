import type { Shape } from '../../messages.ts';

/** The users pages' copy, under the keys the i18n resources merge it at. */
export const en = {
  users: {
    title: 'Users',
    name: 'Name',
    email: 'Email',
    role: 'Role',
    add: 'Add user',
    remove: 'Remove',
    added: 'Added. Give {{email}} this one-time password: {{password}}',
    forbidden: 'Only owners manage users.',
    empty: 'No users yet.',
    nav: 'Users',
  },
};

export const zhCN: Shape<typeof en> = {
  users: {
    title: '用户',
    name: '姓名',
    email: '邮箱',
    role: '角色',
    add: '添加用户',
    remove: '移除',
    added: '已添加。请把这个一次性密码交给 {{email}}：{{password}}',
    forbidden: '只有所有者可以管理用户。',
    empty: '还没有用户。',
    nav: '用户',
  },
};
