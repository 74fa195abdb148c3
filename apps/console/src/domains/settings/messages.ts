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
    secret: 'Secret key',
    secretHint:
      'Kept on your server only: it signs customer tokens and authenticates your server’s calls. It is never shown again after it is made.',
    overlap: 'Old key keeps working for',
    overlapHours: { '0': 'no time (it leaked)', '1': '1 hour', '24': '24 hours', '168': '7 days' },
    rotate: 'Rotate secret key',
    rotated: 'Your new secret key. Copy it to your server now: it is not shown again.',
    previousUntil: 'The previous secret key still works until {{when}}.',
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
    secret: '私密密钥',
    secretHint: '只保存在你的服务器上：用于签发客户令牌并验证你的服务器调用。生成后不会再次显示。',
    overlap: '旧密钥继续有效',
    overlapHours: { '0': '立即失效（已泄露）', '1': '1 小时', '24': '24 小时', '168': '7 天' },
    rotate: '轮换私密密钥',
    rotated: '你的新私密密钥。请立即复制到你的服务器：它不会再次显示。',
    previousUntil: '旧私密密钥在 {{when}} 之前仍然有效。',
  },
};
