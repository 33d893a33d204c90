// The page's own behaviour, which a broken widget must not break.
const clicks = document.querySelector("#clicks");
document.querySelector("button").addEventListener("click", () => {
  clicks.textContent = String(Number(clicks.textContent) + 1);
});
