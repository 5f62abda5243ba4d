export default defineBackground(() => {
  // Wired in by the background feature modules.
});
