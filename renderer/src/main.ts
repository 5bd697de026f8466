import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createHost } from './host/create-host';
import { createStudioI18n, preferredLanguage } from './i18n';
import './style.css';

const app = createApp(App, { host: createHost() });
app.use(createPinia());
app.use(createStudioI18n(preferredLanguage(navigator.languages)));
app.mount('#app');
