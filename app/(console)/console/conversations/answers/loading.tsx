// While the screen's data loads (components/boundaries/loading-screen.tsx).
export { default } from "@/components/boundaries/loading-screen";
