import type { Shape } from '../../messages.ts';

export const en = {
  settings: {
    nav: 'Settings',
    title: 'Settings',
    intro: 'What engineers set up: the key widgets are embedded with, and the pages allowed to embed them.',
    key: 'Publishable key',
    keyHint: 'Public: it goes into the embed snippet (data-key) and names your tenant to Flywheel. The secret key stays on your server.',
    origins: 'Allowed origins',
    originsHint:
      'Pages on these origins may embed your widgets. A page anywhere else gets its fallback, and its console names the origin to add here.',
    origin: 'Origin',
    add: 'Add origin',
    remove: 'Remove {{origin}}',
    none: 'No origin is allowed yet: no page can embed your widgets.',
    wildcard: 'A wildcard lets every subdomain embed your widgets, including subdomains someone else may host. Prefer exact origins.',
    ownersOnly: 'Only owners can change keys and origins.',
  },
};

export const zhCN: Shape<typeof en> = {
  settings: {
    nav: '设置',
    title: '设置',
    intro: '工程师需要配置的内容：嵌入组件所用的密钥，以及允许嵌入组件的页面。',
    key: '公开密钥',
    keyHint: '公开：写在嵌入代码中（data-key），用于向 Flywheel 标识你的租户。私密密钥只保存在你的服务器上。',
    origins: '允许的来源',
    originsHint: '这些来源上的页面可以嵌入你的组件。其他页面会显示备用内容，并在控制台中提示应在此添加的来源。',
    origin: '来源',
    add: '添加来源',
    remove: '移除 {{origin}}',
    none: '还没有允许任何来源：没有页面可以嵌入你的组件。',
    wildcard: '通配符允许所有子域名嵌入你的组件，包括可能由他人托管的子域名。建议使用精确的来源。',
    ownersOnly: '只有所有者可以修改密钥和来源。',
  },
};
