// Runs in the guide page (bench/site.py): follow the first answer of each visible question and
// count animation frames from the click until the new step is visible. One frame is the goal.
async () => {
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const visible = (element) =>
    element.checkVisibility ? element.checkVisibility() : element.getClientRects().length > 0;
  const moves = [];
  for (let move = 0; move < 8; move += 1) {
    const current = [...document.querySelectorAll("[data-step]")].find(visible);
    const answer = current && current.querySelector("a[href^='#']:not([data-wtiw-guide-exit])");
    const target = answer && document.getElementById(answer.hash.slice(1));
    if (!target || !target.hasAttribute("data-step")) break;
    await nextFrame();
    const start = performance.now();
    answer.click();
    let frames = 0;
    while (!visible(target) && frames < 120) {
      await nextFrame();
      frames += 1;
    }
    await nextFrame();
    moves.push({ from: current.id, to: target.id, frames: visible(target) ? Math.max(frames, 1) : null,
                 ms: performance.now() - start });
  }
  const ms = moves.map((m) => m.ms).sort((a, b) => a - b);
  return {
    steps: moves,
    frames: Math.max(0, ...moves.map((m) => m.frames ?? Infinity)),
    median_ms: ms.length ? ms[Math.floor(ms.length / 2)] : NaN,
  };
}
