// Where the app runs, as far as installing and push care. Browser only.

/** Opened from the home screen (installed), on any platform. */
export function runsInstalled(): boolean {
  return window.matchMedia("(display-mode: standalone)").matches || (navigator as { standalone?: boolean }).standalone === true;
}

/** A Safari tab on iPhone or iPad (iPadOS reports itself as a Mac with touch): installing comes first there. */
export function iosBrowserTab(): boolean {
  const ios = /iphone|ipad|ipod/i.test(navigator.userAgent) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  return ios && !runsInstalled();
}
