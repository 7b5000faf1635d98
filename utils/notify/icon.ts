/**
 * The notification icon, inline: Chrome requires an icon for "basic" notifications, and a
 * data URL keeps notifications independent of which icon files a build ships. 48×48 PNG.
 */
export const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAApklEQVR42u3aQQ6AIAxE0Z7Da3ppb6E7NwYjQgtTfhOWJvM2FQpmH2vbjzNyWWtFB+4Gmi14FWT28K8IlfBFhDRALfwDAQBAA0A1/I34+2Gp5AHRqBCAJyQU4AEZAuiJGAbohXDvQvIA77Yb+h/wQACoDQMAAAAAtNE1AbJbCbnNnPx2eokDDYd6xioZBlvMR5lOA+CejFvKXBfdKZ4apHjsofbc5gJJIc8bO83lLQAAAABJRU5ErkJggg==';
