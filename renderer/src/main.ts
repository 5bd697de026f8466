import { createApp } from 'vue';
import App from './App.vue';
import { createHost } from './host/create-host';
import './style.css';

createApp(App, { host: createHost() }).mount('#app');
