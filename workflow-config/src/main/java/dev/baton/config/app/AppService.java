package dev.baton.config.app;

import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.config.Checks;
import dev.baton.config.Upserted;
import dev.baton.config.outbox.Outbox;
import dev.baton.config.outbox.OutboxRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Caller applications and their signing secrets. Every change is published to {@link Topics#CONFIG_APPS} (an
 * internal topic: its records carry the secrets, which the other services need to check signatures).
 */
@Service
public class AppService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SECRET = 512;

    private final AppRepository repository;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AppService(AppRepository repository, Outbox outbox, TransactionTemplate tx, Clock clock) {
        this.repository = repository;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Creates the app with a new random secret (returned in the view, this once) or updates it keeping its secret
     * (the view then carries none).
     */
    public Upserted<AppView> put(String appId, AppInput input) {
        Checks.requireId("the app id in the path", appId);
        Checks checks = new Checks().name("the app's name", input.name()).distinct("workflows", input.workflows());
        input.workflows().stream().filter(w -> w != null && !w.equals("*"))
                .forEach(w -> checks.id("a workflow grant ('*' or a workflow key)", w));
        checks.orRefuse();
        boolean admin = Boolean.TRUE.equals(input.admin());
        boolean active = input.active() == null || input.active();
        return tx.execute(status -> {
            Optional<AppRepository.Stored> old = repository.storedForUpdate(appId);
            if (old.isEmpty()) {
                CallerApp app = new CallerApp(appId, input.name(), newSecret(), admin, input.workflows(), active);
                AppView view = create(app);
                return new Upserted<>(view.withSecret(app.secret()), true);
            }
            CallerApp app = new CallerApp(appId, input.name(), old.get().app().secret(), admin, input.workflows(),
                    active);
            if (!app.equals(old.get().app())) {
                save(app);
            }
            return new Upserted<>(new AppRepository.Stored(app, old.get().createdAt()).view(), false);
        });
    }

    /** Replaces the app's secret with a new random one, returned this once. */
    public AppView rotateSecret(String appId) {
        Checks.requireId("the app id", appId);
        return tx.execute(status -> {
            AppRepository.Stored old = repository.storedForUpdate(appId).orElseThrow(() -> unknown(appId));
            CallerApp app = new CallerApp(appId, old.app().name(), newSecret(), old.app().admin(),
                    old.app().workflows(), old.app().active());
            save(app);
            return new AppRepository.Stored(app, old.createdAt()).view().withSecret(app.secret());
        });
    }

    public List<AppView> list() {
        return repository.all().stream().map(AppRepository.Stored::view).toList();
    }

    public AppView get(String appId) {
        Checks.requireId("the app id", appId);
        return repository.stored(appId).map(AppRepository.Stored::view).orElseThrow(() -> unknown(appId));
    }

    /**
     * Makes the app exactly this (bootstrap: a configured secret); publishes only when something changed.
     *
     * @return whether the app changed
     */
    public boolean ensure(CallerApp app) {
        Checks checks = new Checks().id("the bootstrap app id", app.appId()).name("the bootstrap app's name", app.name());
        if (app.secret() == null || app.secret().isBlank() || app.secret().length() > MAX_SECRET) {
            checks.add("Expected the secret of bootstrap app '" + app.appId() + "' to be set (at most " + MAX_SECRET
                    + " characters)");
        }
        checks.orRefuse();
        Boolean changed = tx.execute(status -> {
            Optional<AppRepository.Stored> old = repository.storedForUpdate(app.appId());
            if (old.isEmpty()) {
                create(app);
                return true;
            }
            if (old.get().app().equals(app)) {
                return false;
            }
            save(app);
            return true;
        });
        return Boolean.TRUE.equals(changed);
    }

    /** Every app as its topic record, for a republish. */
    public List<OutboxRecord> currentRecords() {
        return repository.all().stream()
                .map(s -> outbox.record(Topics.CONFIG_APPS, s.app().appId(), s.app())).toList();
    }

    /** Blocks other writers of apps until the current transaction ends. */
    public void lockAll() {
        repository.lockAll();
    }

    private AppView create(CallerApp app) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!repository.insert(app, now)) {
            throw new BatonException(ErrorCode.ALREADY_EXISTS,
                    "Expected to create app '" + app.appId() + "', but it was created at the same time");
        }
        outbox.put(Topics.CONFIG_APPS, app.appId(), app);
        return new AppRepository.Stored(app, now).view();
    }

    private void save(CallerApp app) {
        repository.update(app);
        outbox.put(Topics.CONFIG_APPS, app.appId(), app);
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static BatonException unknown(String appId) {
        return new BatonException(ErrorCode.NOT_FOUND, "Expected an app '" + appId + "', but there is none");
    }
}
