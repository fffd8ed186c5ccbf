package io.driftwatch.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellViewModelTest {

    @Test
    void digitsOutsideTheScreensAreIgnored() {
        ShellViewModel model = new ShellViewModel();
        model.selectByDigit(6);
        assertThat(model.selectedProperty().get()).isEqualTo(Screen.REGIONS);
        model.selectByDigit(0);
        model.selectByDigit(7);
        assertThat(model.selectedProperty().get()).isEqualTo(Screen.REGIONS);
    }

    @Test
    void themeTogglesBetweenLightAndDark() {
        ShellViewModel model = new ShellViewModel();
        assertThat(model.themeProperty().get()).isEqualTo(Theme.LIGHT);
        model.toggleTheme();
        assertThat(model.themeProperty().get()).isEqualTo(Theme.DARK);
        model.toggleTheme();
        assertThat(model.themeProperty().get()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void everyThemeStylesheetShips() {
        assertThat(getClass().getResource(Theme.BASE)).isNotNull();
        for (Theme theme : Theme.values()) {
            assertThat(getClass().getResource(theme.stylesheet())).as(theme.name()).isNotNull();
        }
    }
}
