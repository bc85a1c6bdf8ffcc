import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';

async function start() {
  // Playwright builds with `--mode mock`: a scripted backend stands in for the Rust side.
  // The constant is false in the real build, so the mock is not even bundled there.
  if (import.meta.env.MODE === 'mock') {
    const { installMockBackend } = await import('./mock/backend');
    installMockBackend();
  }
  mount(App, { target: document.getElementById('app')! });
}

start();
