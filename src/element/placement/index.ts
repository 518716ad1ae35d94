// Where the element sits in the page: the dock (its controller, badge and styles), the theme, click-to-dial.
export { ClickToDialController } from './click-to-dial-controller.js';
export { DockController } from './dock-controller.js';
export { renderBadge, renderDockControls } from './dock-view.js';
export { dockStyles } from './dock.styles.js';
export { themeStyles } from './theme.styles.js';
