// What Datawrapper's and Pym's parent scripts do, reduced to their height handling.
window.messages = [];
window.addEventListener("message", (event) => {
  window.messages.push(event.data);
  const heights = event.data && event.data["datawrapper-height"];
  if (heights) {
    for (const id in heights) {
      const frame = document.getElementById(`datawrapper-chart-${id}`);
      if (frame) frame.style.height = `${heights[id]}px`;
    }
  }
});
