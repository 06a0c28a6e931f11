package io.trickle.desktop.views.catalog;

import static io.trickle.desktop.services.PasswordFiles.NO_PASSWORD_FILE;
import io.trickle.desktop.services.ConnectionProfile;
import io.trickle.desktop.services.DirectTaskExecutor;
import io.trickle.desktop.services.FakeCatalog;
import io.trickle.desktop.services.FakeEngineService;
import io.trickle.desktop.services.InMemorySecretStore;
import io.trickle.desktop.services.RecordingNotificationService;
import io.trickle.desktop.services.ScriptedDialogService;
import io.trickle.desktop.views.connections.Credentials;
import io.trickle.desktop.views.connections.SessionViewModel;
import io.trickle.desktop.workbench.SelectionService;
import java.util.List;
import java.util.Map;

/**
 * A workbench's shared pieces without a display: the fake engine with its in-memory catalog, a session
 * view model, the catalog model, a selection service, scripted dialogs and recorded notices. Tests
 * arrange the catalog, then {@link #connect()}.
 */
public final class CatalogFixture {

    public static final ConnectionProfile PROD = new ConnectionProfile("prod", "jdbc:postgresql://db/app", "dba");

    public final FakeEngineService engine = new FakeEngineService("right").withCatalog(FakeEngineService.LATEST);
    public final ScriptedDialogService dialogs = new ScriptedDialogService();
    public final DirectTaskExecutor tasks = new DirectTaskExecutor();
    public final RecordingNotificationService notices = new RecordingNotificationService();
    public final SelectionService selection = new SelectionService();
    public final SessionViewModel session = new SessionViewModel(engine,
            new Credentials(new InMemorySecretStore(), NO_PASSWORD_FILE, dialogs, tasks), tasks, dialogs, notices);
    public final CatalogModel catalog = new CatalogModel(session, tasks, notices);

    /**
     * The sample's shape: {@code orders → order_totals → customer_revenue → region_revenue},
     * {@code customers → customer_revenue}, {@code items → category_sales}.
     */
    public static CatalogFixture withShop() {
        CatalogFixture fixture = new CatalogFixture();
        fixture.catalog()
                .table("shop.order_totals", "30s", "shop.orders")
                .table("shop.customer_revenue", "calculated", "shop.customers", "shop.order_totals")
                .table("reporting.region_revenue", "1m", "shop.customer_revenue")
                .table("reporting.category_sales", "5m", "shop.order_items");
        return fixture;
    }

    public FakeCatalog catalog() {
        return engine.catalog();
    }

    public CatalogFixture connect() {
        dialogs.fillForm(Map.of("password", "right"));
        session.connect(PROD);
        return this;
    }

    public CatalogFixture connectDemo() {
        session.connect(ConnectionProfile.embeddedDemo());
        return this;
    }

    /** Selects these items as the navigator would. */
    public void select(Object... items) {
        selection.publish("test", List.of(items));
    }
}
