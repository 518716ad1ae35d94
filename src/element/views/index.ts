// The element's views: render functions of what they are given, no element state.
export { quietly } from './actions.js';
export { renderCallCard, type CallActions, type CallCardProps, type CallUi } from './call-card.js';
export { renderDialBox, type DialBoxProps } from './dial-box.js';
export { renderHeader, statusWords, type HeaderProps } from './header.js';
export { renderError, renderSoundPrompt } from './notices.js';
export { renderPanel, type Cards, type PanelProps } from './panel.js';
// recent-list.ts is rendered from the lazy extras file (src/ui/extras-entry.ts): no static import of it here.
