import sharp from "sharp";

/**
 * A picture no run has sent before: six circles of random place, size and colour. The server
 * refuses a photo it has seen, and judges by the look (a perceptual hash), so a changed colour
 * alone is still the same photo.
 */
export function unseenPicture() {
  const circles = Array.from({ length: 6 }, () => {
    const [x, y, r, shade] = [Math.random() * 1_600, Math.random() * 1_200, 100 + Math.random() * 300, Math.floor(Math.random() * 255)];
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="rgb(${shade},${255 - shade},120)"/>`;
  }).join("");
  return sharp({ create: { width: 1_600, height: 1_200, channels: 3, background: { r: 40, g: 110, b: 70 } } }).composite([
    { input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">${circles}</svg>`) },
  ]);
}
